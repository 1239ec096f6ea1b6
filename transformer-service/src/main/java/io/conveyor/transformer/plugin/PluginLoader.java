package io.conveyor.transformer.plugin;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * Instantiates and configures custom transforms by class name. A name outside the allow-list is
 * refused before its class is loaded, and a class is initialised (its static code run) only once
 * it is known to be a concrete {@link RecordTransform}.
 */
public final class PluginLoader {

    private final ClassLoader classLoader;
    private final PluginAllowList allowed;

    public PluginLoader(ClassLoader classLoader, PluginAllowList allowed) {
        this.classLoader = classLoader;
        this.allowed = java.util.Objects.requireNonNull(allowed, "allowed");
    }

    /** Loads from the class loader that loaded the transformer. */
    public static PluginLoader fromClasspath(PluginAllowList allowed) {
        return new PluginLoader(PluginLoader.class.getClassLoader(), allowed);
    }

    public PluginRule load(String className, Map<String, String> config) throws PluginLoadException {
        RecordTransform transform = instantiate(transformClass(className), className);
        try {
            transform.configure(Map.copyOf(config));
        } catch (RuntimeException e) {
            throw new PluginLoadException(className, "rejected its configuration: " + e.getMessage(), e);
        }
        return new PluginRule(transform);
    }

    private Class<? extends RecordTransform> transformClass(String className) throws PluginLoadException {
        if (!allowed.allows(className)) {
            throw new PluginLoadException(className, allowed.refusal(), null);
        }
        Class<?> type;
        try {
            // Not initialised yet: a class that is no transform never runs its static code here.
            type = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException e) {
            throw new PluginLoadException(className, "was not found on the classpath", e);
        } catch (LinkageError e) {
            throw new PluginLoadException(className, "could not be loaded: " + e, e);
        }
        if (!RecordTransform.class.isAssignableFrom(type)) {
            throw new PluginLoadException(className, "does not implement " + RecordTransform.class.getName(), null);
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new PluginLoadException(className, "is abstract and cannot be instantiated", null);
        }
        return type.asSubclass(RecordTransform.class);
    }

    private static RecordTransform instantiate(Class<? extends RecordTransform> type, String className)
            throws PluginLoadException {
        try {
            Constructor<? extends RecordTransform> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new PluginLoadException(className, "has no public no-argument constructor", e);
        } catch (ExceptionInInitializerError e) {
            throw new PluginLoadException(className, "failed in its static initialiser: " + e.getCause(), e.getCause());
        } catch (InvocationTargetException e) {
            throw new PluginLoadException(className, "failed in its constructor: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException | InstantiationException e) {
            throw new PluginLoadException(className, "cannot be instantiated: " + e.getMessage(), e);
        }
    }
}
