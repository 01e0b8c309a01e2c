package org.interp4j.steer;

import java.util.List;
import org.interp4j.hooks.HookHandle;

/** Several hook handles closed as one. */
final class Handles {
    private Handles() {}

    static HookHandle all(List<HookHandle> handles) {
        List<HookHandle> copy = List.copyOf(handles);
        return () -> copy.forEach(HookHandle::remove);
    }
}
