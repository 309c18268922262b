package dev.steepest.nn;

import dev.steepest.core.Tensor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Catches a part held in a field but never registered, which PyTorch's attribute assignment would
 * have registered and Java cannot (see "Registration is explicit" in {@link Module}). Every module
 * in the tree has its fields read (by reflection, the field list found once per class): a module, a
 * tensor that requires grad, or a list, array or map of modules that is not registered anywhere in
 * the tree is refused with the field's name and the fix. Fields declared {@code transient} or
 * {@code static} are left alone.
 */
final class Registration {

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            if (type != Module.class && type.getSuperclass() != null) out.addAll(get(type.getSuperclass()));
            if (type == Module.class) return out;
            for (Field f : type.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic() || f.getType().isPrimitive()) continue;
                if (mayHoldParts(f.getType()) && f.trySetAccessible()) out.add(f);
            }
            return List.copyOf(out);
        }
    };

    private Registration() {
    }

    private static boolean mayHoldParts(Class<?> type) {
        return Module.class.isAssignableFrom(type) || Tensor.class.isAssignableFrom(type) || Iterable.class.isAssignableFrom(type)
                || Map.class.isAssignableFrom(type) || type == Object.class
                || (type.isArray() && !type.getComponentType().isPrimitive());
    }

    /** Refuses the first field, in the tree under {@code root}, that holds a part not registered in that tree. */
    static void check(Module root) {
        Set<Object> registered = Collections.newSetFromMap(new IdentityHashMap<>());
        root.treeInto(registered);
        for (Object o : registered.toArray()) {
            if (o instanceof Module m) {
                for (Field f : FIELDS.get(m.getClass())) check(m, f, registered);
            }
        }
    }

    private static void check(Module owner, Field field, Set<Object> registered) {
        Object value;
        try {
            value = field.get(owner);
        } catch (IllegalAccessException e) {
            return;   // trySetAccessible said yes; nothing to read otherwise
        }
        if (value instanceof Module m) {
            if (!registered.contains(m)) {
                throw refused(owner, field, "holds a " + m.name() + " that is not registered, so its parameters are left out of parameters()"
                        + " (never trained) and stateDict() (never saved); register it in the constructor: " + field.getName()
                        + " = registerModule(\"" + field.getName() + "\", new " + m.name() + "(…))");
            }
        } else if (value instanceof Tensor t) {
            if (unregisteredParameter(t, registered)) {
                throw refused(owner, field, "holds a tensor of shape " + Arrays.toString(t.shape()) + " that requires grad but is not"
                        + " registered, so parameters() leaves it out (no optimizer trains it) and stateDict() does not save it;"
                        + " register it in the constructor: " + field.getName() + " = registerParameter(\"" + field.getName() + "\", …)"
                        + " (or registerBuffer for a tensor that is saved but not trained)");
            }
        } else if (value instanceof Map<?, ?> map) {
            checkElements(owner, field, map.values(), "a " + field.getType().getSimpleName(), registered);
        } else if (value instanceof Iterable<?> items) {
            checkElements(owner, field, items, "a " + field.getType().getSimpleName(), registered);
        } else if (value instanceof Object[] array) {
            checkElements(owner, field, Arrays.asList(array), "an array", registered);
        }
    }

    private static void checkElements(Module owner, Field field, Iterable<?> items, String holder, Set<Object> registered) {
        int modules = 0, tensors = 0;
        Module first = null;
        for (Object item : items) {
            if (item instanceof Module m && !registered.contains(m)) {
                if (first == null) first = m;
                modules++;
            } else if (item instanceof Tensor t && unregisteredParameter(t, registered)) {
                tensors++;
            }
        }
        boolean map = Map.class.isAssignableFrom(field.getType());
        if (modules > 0) {
            String container = map ? "ModuleDict" : "ModuleList";
            throw refused(owner, field, "holds " + holder + " with " + modules + (modules == 1 ? " module" : " modules")
                    + " that " + (modules == 1 ? "is" : "are") + " not registered (the first a " + first.name() + "), so their parameters"
                    + " are left out of parameters() (never trained) and stateDict() (never saved); hold them in a " + container
                    + ": " + field.getName() + " = registerModule(\"" + field.getName() + "\", new " + container + "<>(…))");
        }
        if (tensors > 0) {
            throw refused(owner, field, "holds " + holder + " with " + tensors + (tensors == 1 ? " tensor" : " tensors")
                    + " that require" + (tensors == 1 ? "s" : "") + " grad but " + (tensors == 1 ? "is" : "are") + " not registered,"
                    + " so parameters() leaves them out (no optimizer trains them); register each in the constructor with"
                    + " registerParameter(name, tensor), as RNN's weight_ih_l0, weight_ih_l1, …");
        }
    }

    private static boolean unregisteredParameter(Tensor t, Set<Object> registered) {
        return t.requiresGrad() && t.isLeaf() && !registered.contains(t);
    }

    private static IllegalStateException refused(Module owner, Field field, String problem) {
        String declared = field.getDeclaringClass() == owner.getClass() ? "" : " (declared in " + field.getDeclaringClass().getSimpleName() + ")";
        return new IllegalStateException(owner.name() + ": field '" + field.getName() + "'" + declared + " " + problem + "; or declare the field transient if it deliberately refers to something that is not part of "
                + owner.name());
    }
}
