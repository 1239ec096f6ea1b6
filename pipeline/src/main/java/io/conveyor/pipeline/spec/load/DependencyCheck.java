package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.spec.TaskGraph;
import io.conveyor.pipeline.spec.load.TaskReader.Draft;
import io.conveyor.pipeline.spec.load.TaskReader.Reference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checks across tasks: unique ids, dependencies on tasks that exist, and no cycles. */
final class DependencyCheck {

    private DependencyCheck() {
    }

    static void check(List<Draft> drafts) {
        Map<String, Draft> byId = uniqueIds(drafts);
        Map<String, List<String>> graph = new LinkedHashMap<>();
        byId.forEach((id, draft) -> graph.put(id, draft.dependsOn().stream()
                .map(Reference::id)
                .filter(byId::containsKey)
                .toList()));
        drafts.forEach(draft -> draft.dependsOn().stream()
                .filter(dependency -> !byId.containsKey(dependency.id()))
                .forEach(dependency -> dependency.where().report("unknown task '%s' (tasks are: %s)"
                        .formatted(dependency.id(), String.join(", ", byId.keySet())))));
        for (List<String> cycle : TaskGraph.cycles(graph)) {
            byId.get(cycle.get(0)).dependsOn().stream()
                    .filter(dependency -> dependency.id().equals(cycle.get(1)))
                    .findFirst()
                    .orElseThrow()
                    .where()
                    .report("dependency cycle: " + TaskGraph.describe(cycle));
        }
    }

    private static Map<String, Draft> uniqueIds(List<Draft> drafts) {
        Map<String, Draft> byId = new LinkedHashMap<>();
        for (Draft draft : drafts) {
            draft.id().ifPresent(id -> {
                Draft first = byId.putIfAbsent(id.id(), draft);
                if (first != null) {
                    id.where().report("duplicate task id '%s' (first defined at line %d)"
                            .formatted(id.id(), first.id().orElseThrow().where().line()));
                }
            });
        }
        return byId;
    }
}
