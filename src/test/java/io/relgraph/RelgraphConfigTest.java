package io.relgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.smallrye.config.WithName;

/**
 * The settings' one declaration and their one reference page agree: every {@code relgraph.*}
 * property of {@link RelgraphConfig} is documented in docs/configuration.md, and every one documented
 * there is declared (a setting the page names but nothing reads would be a promise the server ignores).
 */
class RelgraphConfigTest {

    @Test
    void everyDeclaredSettingIsDocumentedAndEveryDocumentedOneDeclared() throws IOException {
        Set<String> declared = new TreeSet<>();
        collect(RelgraphConfig.class, "relgraph", declared);
        declared.removeIf(name -> name.contains(".internal."));

        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`(relgraph\\.[a-z0-9.-]+)`").matcher(Files.readString(Path.of("docs/configuration.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertTrue(declared.contains("relgraph.graphql.compiler.cache-size") && declared.size() > 30, "read the mapping: " + declared);
        assertEquals(declared, documented);
    }

    private static void collect(Class<?> group, String prefix, Set<String> names) {
        for (Method method : group.getDeclaredMethods()) {
            if (method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName renamed = method.getAnnotation(WithName.class);
            String name = prefix + "." + (renamed != null ? renamed.value() : kebab(method.getName()));
            if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() != null
                    && method.getReturnType().getName().startsWith(RelgraphConfig.class.getName())) {
                collect(method.getReturnType(), name, names);
            } else {
                names.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
