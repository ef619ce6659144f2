package org.handout.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Seeded random inputs for property tests on plain JUnit 5: a generator is a function of a
 * {@link SplittableRandom}, and {@link #check} runs a property on a fixed number of tries from a
 * fixed seed, so every run tries the same inputs and a failure names the try, its seed and its input
 * (run it again with {@code -Dhandout.seed=N} to try other inputs). The first tries are the edge
 * cases (empty text, no bytes), as generator libraries do.
 *
 * @param <T> what is generated
 */
@FunctionalInterface
public interface Gen<T> {
    /** One value drawn from {@code random}. */
    T next(SplittableRandom random);

    /** The seed of every property run: fixed, or {@code -Dhandout.seed} to explore. */
    long SEED = Long.getLong("handout.seed", 20261201L);

    default <R> Gen<R> map(Function<T, R> f) {
        return r -> f.apply(next(r));
    }

    /** A list of 0 to {@code max} values of this generator. */
    default Gen<List<T>> list(int max) {
        return r -> {
            int n = r.nextInt(max + 1);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(next(r));
            }
            return out;
        };
    }

    /** One of the given values, each as likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return r -> values[r.nextInt(values.length)];
    }

    /** One of the given generators, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return r -> gens[r.nextInt(gens.length)].next(r);
    }

    /** A string of 0 to {@code max} characters from {@code from} to {@code to} (surrogates included when in range). */
    static Gen<String> strings(char from, char to, int max) {
        return r -> {
            int n = r.nextInt(max + 1);
            StringBuilder b = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                b.append((char) (from + r.nextInt(to - from + 1)));
            }
            return b.toString();
        };
    }

    /** 0 to {@code max} random bytes; small sizes are more likely, as most interesting inputs are short. */
    static Gen<byte[]> bytes(int max) {
        return r -> {
            int n = r.nextBoolean() ? r.nextInt(Math.min(max, 16) + 1) : r.nextInt(max + 1);
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) r.nextInt(256);
            }
            return b;
        };
    }

    /**
     * Runs {@code property} on {@code tries} inputs: first each of {@code edges}, then values of
     * {@code gen} from seeds derived from {@link #SEED}. A failure is rethrown naming the try, the
     * seed that gives it and the input.
     */
    static <T> void check(int tries, Gen<T> gen, List<T> edges, Consumer<T> property) {
        SplittableRandom seeds = new SplittableRandom(SEED);
        for (int i = 0; i < tries; i++) {
            long seed = seeds.nextLong();
            T input = i < edges.size() ? edges.get(i) : gen.next(new SplittableRandom(seed));
            try {
                property.accept(input);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("try " + (i + 1) + " of " + tries + " (seed " + SEED + ", input seed " + seed + ") failed for "
                        + show(input) + ": " + e, e);
            }
        }
    }

    private static String show(Object input) {
        if (input instanceof byte[] b) {
            return java.util.HexFormat.of().formatHex(b);
        }
        if (input instanceof List<?> l) {
            return l.stream().map(Gen::show).toList().toString();
        }
        return input instanceof String s ? "\"" + s.replace("\n", "\\n") + "\"" : String.valueOf(input);
    }
}
