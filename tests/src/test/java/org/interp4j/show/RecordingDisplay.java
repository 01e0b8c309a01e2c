package org.interp4j.show;

import java.util.ArrayList;
import java.util.List;

/** Keeps every call made to it, in order, so tests can check what would have been shown. */
final class RecordingDisplay implements Display {
    record Call(String kind, String id, Output output) {}

    final List<Call> calls = new ArrayList<>();
    private int next;

    @Override public String show(Output output) {
        String id = "id" + next++;
        calls.add(new Call("show", id, output));
        return id;
    }

    @Override public String showLive(Output output) {
        String id = "id" + next++;
        calls.add(new Call("live", id, output));
        return id;
    }

    @Override public void update(String id, Output output) {
        calls.add(new Call("update", id, output));
    }

    @Override public void finish(String id) {
        calls.add(new Call("finish", id, null));
    }

    Call last() {
        return calls.get(calls.size() - 1);
    }

    long count(String kind) {
        return calls.stream().filter(c -> c.kind().equals(kind)).count();
    }
}
