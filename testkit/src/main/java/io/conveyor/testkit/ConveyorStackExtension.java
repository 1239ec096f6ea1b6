package io.conveyor.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class the shared {@link ConveyorStack}: {@code @ExtendWith(ConveyorStackExtension.class)}
 * and a {@code ConveyorStack} parameter on a constructor, a lifecycle method or a test method.
 * The stack starts with the first test class that asks for it and stops when the JVM's test run
 * ends (it lives in the root context's store).
 */
public final class ConveyorStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConveyorStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ConveyorStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    private static ConveyorStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ClosingStack.class, key -> new ClosingStack(ConveyorStack.start()), ClosingStack.class)
                .stack();
    }

    /** Lets JUnit close the stack when the root context closes. */
    private record ClosingStack(ConveyorStack stack) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            stack.close();
        }
    }
}
