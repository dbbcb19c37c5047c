package org.aspskg.ddx;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * A list built on first use: unmodifiable, it asks its supplier once, on the first call of any of its
 * methods, and then answers from what it got. A ranking's evidence and an exclusion's proof are such
 * lists: most rankings of a cohort and every summary answer never look at them, and building them is
 * most of what a ranking would otherwise cost (a proof is a HermiT justification search the first
 * time a pair of disease and feature is met).
 */
public final class LazyList<T> extends AbstractList<T> implements RandomAccess {
    private final Supplier<? extends List<T>> supplier;
    private volatile List<T> items;

    public LazyList(Supplier<? extends List<T>> supplier) {
        this.supplier = supplier;
    }

    private List<T> items() {
        List<T> e = items;
        if (e == null) {
            synchronized (this) {
                e = items;
                if (e == null) items = e = List.copyOf(supplier.get());
            }
        }
        return e;
    }

    @Override
    public T get(int index) {
        return items().get(index);
    }

    @Override
    public int size() {
        return items().size();
    }
}
