package org.interp4j.hooks;

/** Returned by hook registration; closing it removes the hook (idempotent). */
public interface HookHandle extends AutoCloseable {
    void remove();

    @Override
    default void close() {
        remove();
    }
}
