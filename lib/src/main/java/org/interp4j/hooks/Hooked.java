package org.interp4j.hooks;

/** A hook together with the point (name or pattern) it goes on, for scoped runs. */
public record Hooked(String name, Hook hook) {
    public static Hooked at(String nameOrPattern, Hook hook) {
        return new Hooked(nameOrPattern, hook);
    }
}
