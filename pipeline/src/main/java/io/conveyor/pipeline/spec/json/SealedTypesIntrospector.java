package io.conveyor.pipeline.spec.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes every sealed interface of the spec model polymorphic without annotating the model: the
 * variant is named by its simple class name under {@code @type} (the convention of the canonical
 * JSON) and the permitted subclasses are the known subtypes.
 */
final class SealedTypesIntrospector extends JacksonAnnotationIntrospector {

    static final String TYPE_PROPERTY = "@type";

    @Override
    public TypeResolverBuilder<?> findTypeResolver(MapperConfig<?> config, AnnotatedClass ac, JavaType baseType) {
        if (isSealedInterface(baseType.getRawClass())) {
            return new StdTypeResolverBuilder()
                    .init(JsonTypeInfo.Value.construct(JsonTypeInfo.Id.NAME, JsonTypeInfo.As.PROPERTY, TYPE_PROPERTY,
                            null, false, null), null);
        }
        return super.findTypeResolver(config, ac, baseType);
    }

    @Override
    public List<NamedType> findSubtypes(Annotated a) {
        Class<?> type = a.getRawType();
        if (!isSealedInterface(type)) {
            return super.findSubtypes(a);
        }
        List<NamedType> subtypes = new ArrayList<>();
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            subtypes.add(new NamedType(permitted, permitted.getSimpleName()));
        }
        return subtypes;
    }

    @Override
    public String findTypeName(AnnotatedClass ac) {
        for (Class<?> implemented : ac.getRawType().getInterfaces()) {
            if (isSealedInterface(implemented)) {
                return ac.getRawType().getSimpleName();
            }
        }
        return super.findTypeName(ac);
    }

    private static boolean isSealedInterface(Class<?> type) {
        return type.isInterface() && type.isSealed();
    }
}
