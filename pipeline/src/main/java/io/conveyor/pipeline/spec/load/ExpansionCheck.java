package io.conveyor.pipeline.spec.load;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Refuses YAML graphs that the readers could not walk safely. SnakeYAML composes an alias as the
 * very node of its anchor, so a few hundred bytes of nested aliases describe a tree of billions of
 * nodes (which turning a schema into JSON then materialises), and an alias inside its own anchor
 * makes a cycle (which recursion follows until the stack overflows). Both are measured here on the
 * graph itself, iteratively and once per distinct node, before any reader walks it.
 */
final class ExpansionCheck {

    /** Far above any real pipeline (the example has about 300 nodes), far below trouble. */
    static final int MAX_EXPANDED_NODES = 100_000;
    /** The readers recurse over schemas; a real schema nests a handful of levels. */
    static final int MAX_EXPANDED_DEPTH = 200;

    /** What a node expands to: its count of nodes and its depth, both capped just above the limits. */
    private record Size(long nodes, int depth) {
    }

    private ExpansionCheck() {
    }

    /** Reports the first cycle or over-large expansion; answers whether the graph is safe to read. */
    static boolean check(Node root, Problems problems) {
        Map<Node, Size> sizes = new IdentityHashMap<>();
        Map<Node, Boolean> entered = new IdentityHashMap<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            if (sizes.containsKey(node)) {
                stack.pop();
                continue;
            }
            if (!entered.containsKey(node)) {
                entered.put(node, Boolean.TRUE);
                for (Node child : children(node)) {
                    if (entered.containsKey(child) && !sizes.containsKey(child)) {
                        problems.add(child.getStartMark(), "", "an alias refers to a node that contains it (recursive alias)");
                        return false;
                    }
                    if (!sizes.containsKey(child)) {
                        stack.push(child);
                    }
                }
                continue;
            }
            stack.pop();
            long nodes = 1;
            int depth = 0;
            for (Node child : children(node)) {
                Size size = sizes.get(child);
                nodes = Math.min(nodes + size.nodes(), MAX_EXPANDED_NODES + 1L);
                depth = Math.max(depth, size.depth());
            }
            if (nodes > MAX_EXPANDED_NODES) {
                problems.add(node.getStartMark(), "", "aliases expand this node to more than %,d nodes (the limit)"
                        .formatted(MAX_EXPANDED_NODES));
                return false;
            }
            if (depth + 1 > MAX_EXPANDED_DEPTH) {
                problems.add(node.getStartMark(), "", "aliases nest this node more than %d levels deep (the limit)"
                        .formatted(MAX_EXPANDED_DEPTH));
                return false;
            }
            sizes.put(node, new Size(nodes, depth + 1));
        }
        return true;
    }

    private static List<Node> children(Node node) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        if (node instanceof MappingNode mapping) {
            return mapping.getValue().stream()
                    .flatMap(tuple -> Stream.of(tuple.getKeyNode(), tuple.getValueNode()))
                    .toList();
        }
        return List.of();
    }
}
