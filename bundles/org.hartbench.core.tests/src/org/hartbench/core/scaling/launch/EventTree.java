package org.hartbench.core.scaling.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays {@link ScaleTestEvent}s into a tree the way a test-run view builds its own, checking the
 * protocol on the way (parents exist before children, a case starts before it fails or ends, ids
 * are unique), so tests can assert on what a user would see.
 */
final class EventTree {

    enum Verdict { NOT_RUN, RUNNING, PASSED, FAILED, ERROR }

    static final class Node {
        final String id;
        final String name;
        final String displayName;
        final boolean suite;
        final List<Node> children = new ArrayList<>();
        Verdict verdict = Verdict.NOT_RUN;
        String trace;

        Node(String id, String name, String displayName, boolean suite) {
            this.id = id;
            this.name = name;
            this.displayName = displayName;
            this.suite = suite;
        }

        Node child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst()
                    .orElseThrow(() -> new AssertionError("no child '" + childName + "' under " + name + ": "
                            + children.stream().map(c -> c.name).toList()));
        }
    }

    final Node root = new Node(null, "session", "session", true);
    final Map<String, Node> byId = new LinkedHashMap<>();
    Integer announcedTests;
    Duration ended;
    String abortReason;

    static EventTree of(List<ScaleTestEvent> events) {
        EventTree tree = new EventTree();
        events.forEach(tree::apply);
        return tree;
    }

    void apply(ScaleTestEvent event) {
        assertNull(ended, "no event after the session ended: " + event);
        assertNull(abortReason, "no event after the session was aborted: " + event);
        switch (event) {
        case ScaleTestEvent.SessionStarted e -> {
            assertNull(announcedTests, "one start");
            announcedTests = e.tests();
        }
        case ScaleTestEvent.SuiteAdded e -> add(e.parentId(), new Node(e.id(), e.name(), e.name(), true));
        case ScaleTestEvent.CaseAdded e -> add(e.parentId(), new Node(e.id(), e.name(), e.displayName(), false));
        case ScaleTestEvent.CaseStarted e -> {
            Node n = get(e.id());
            assertEquals(Verdict.NOT_RUN, n.verdict, n.name);
            n.verdict = Verdict.RUNNING;
        }
        case ScaleTestEvent.CaseFailed e -> {
            Node n = get(e.id());
            assertEquals(Verdict.RUNNING, n.verdict, n.name);
            n.verdict = e.error() ? Verdict.ERROR : Verdict.FAILED;
            n.trace = e.trace();
        }
        case ScaleTestEvent.CaseEnded e -> {
            Node n = get(e.id());
            assertTrue(n.verdict != Verdict.NOT_RUN, n.name + " ended without starting");
            if (n.verdict == Verdict.RUNNING) {
                n.verdict = Verdict.PASSED;
            }
        }
        case ScaleTestEvent.SessionEnded e -> ended = e.elapsed();
        case ScaleTestEvent.SessionAborted e -> abortReason = e.reason();
        }
    }

    private void add(String parentId, Node node) {
        assertNotNull(announcedTests, "the session starts before elements are added");
        assertFalse(byId.containsKey(node.id), "duplicate id " + node.id);
        Node parent = parentId == null ? root : get(parentId);
        assertTrue(parent.suite, "parent of " + node.name + " is a suite");
        parent.children.add(node);
        byId.put(node.id, node);
    }

    private Node get(String id) {
        Node n = byId.get(id);
        assertNotNull(n, "unknown id " + id);
        return n;
    }

    long cases() {
        return byId.values().stream().filter(n -> !n.suite).count();
    }
}
