package io.relgraph.mutation;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;

import io.smallrye.mutiny.Uni;

/**
 * The {@code @Mutation} methods of the application's {@code @GraphQLApi} beans, by GraphQL field name:
 * found once, from the same annotations SmallRye builds the schema from, so a mutation is declared in
 * one place (its method) whichever path runs it. Only methods returning {@code Uni<T>} are listed.
 */
@ApplicationScoped
public class MutationFields {

    /** A mutation field: the bean (its CDI reference, interceptors included), the method and its arguments' names in order. */
    public record Field(String name, Object bean, Method method, List<String> arguments, Class<?> result) {
    }

    private final BeanManager beans;
    private volatile Map<String, Field> fields;

    public MutationFields(BeanManager beans) {
        this.beans = beans;
    }

    /** The field's method, or null when no {@code @Mutation} method answers it. */
    public Field field(String name) {
        Map<String, Field> f = fields;
        if (f == null) {
            f = fields = scan();
        }
        return f.get(name);
    }

    private Map<String, Field> scan() {
        Map<String, Field> found = new LinkedHashMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (!type.isAnnotationPresent(GraphQLApi.class)) {
                continue;
            }
            Object reference = null;
            for (Method method : type.getMethods()) {
                Mutation mutation = method.getAnnotation(Mutation.class);
                if (mutation == null || method.getReturnType() != Uni.class
                        || !(method.getGenericReturnType() instanceof ParameterizedType returned)) {
                    continue;
                }
                Type result = returned.getActualTypeArguments()[0];
                if (!(result instanceof Class<?> resultClass)) {
                    continue;
                }
                if (reference == null) {
                    reference = beans.getReference(bean, type, beans.createCreationalContext(bean));
                }
                List<String> arguments = new ArrayList<>();
                for (Parameter p : method.getParameters()) {
                    Name name = p.getAnnotation(Name.class);
                    arguments.add(name != null ? name.value() : p.getName());
                }
                String field = mutation.value().isEmpty() ? method.getName() : mutation.value();
                found.put(field, new Field(field, reference, method, List.copyOf(arguments), resultClass));
            }
        }
        return Map.copyOf(found);
    }
}
