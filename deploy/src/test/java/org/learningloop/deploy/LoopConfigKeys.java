package org.learningloop.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import org.learningloop.platform.config.LoopConfig;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code loop.*} keys every service reads, derived by reflection from the platform's
 * {@link LoopConfig} mapping (SmallRye Config's kebab-case naming), with their defaults.
 */
final class LoopConfigKeys {

    private static final Map<String, Optional<String>> KEYS = derive();

    private LoopConfigKeys() {
    }

    /** key → default ({@code Optional.empty()} when the key has none). */
    static Map<String, Optional<String>> all() {
        return KEYS;
    }

    private static Map<String, Optional<String>> derive() {
        ConfigMapping mapping = LoopConfig.class.getAnnotation(ConfigMapping.class);
        if (mapping == null) {
            throw new IllegalStateException(LoopConfig.class + " is no longer a @ConfigMapping");
        }
        Map<String, Optional<String>> keys = new TreeMap<>();
        collect(LoopConfig.class, mapping.prefix(), keys);
        return Map.copyOf(keys);
    }

    private static void collect(Class<?> type, String prefix, Map<String, Optional<String>> keys) {
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method method : methods) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = prefix;
            if (method.getAnnotation(WithParentName.class) == null) {
                WithName withName = method.getAnnotation(WithName.class);
                name = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            }
            Class<?> result = method.getReturnType();
            if (isGroup(result)) {
                collect(result, name, keys);
            } else {
                WithDefault withDefault = method.getAnnotation(WithDefault.class);
                keys.put(name, Optional.ofNullable(withDefault).map(WithDefault::value));
            }
        }
    }

    /** A nested config group: an interface of the platform, not a value type such as List or Optional. */
    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && type.getName().startsWith("org.learningloop.");
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
