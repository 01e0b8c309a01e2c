package org.interp4j.grade.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.Permission;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;

/**
 * Main class of the process that executes a notebook's code. It connects back to the grader
 * over a loopback socket and serves JShell's execution protocol on it.
 *
 * <p>Two extras over JShell's own agent, both because the grader launches this process itself
 * (to give it a private working directory) instead of driving it through JDI:
 * <ul>
 *   <li>the process's standard input is a control line: a byte {@code S} stops the running
 *       cell, which JShell's JDI agent would otherwise do through the debugger;</li>
 *   <li>{@code System.exit} is refused while a cell runs, where the JDK still allows it,
 *       so the cell fails and the state of the earlier cells survives.</li>
 * </ul>
 */
public final class RemoteAgent extends RemoteExecutionControl {

    /** Message of the exception a cell gets when it calls {@code System.exit}. */
    public static final String EXIT_MARK = "interp4j: the cell called System.exit(";

    private volatile Thread clientThread;
    private volatile boolean leaving;

    public static void main(String[] args) throws Exception {
        InputStream control = System.in;
        RemoteAgent agent = new RemoteAgent();
        Thread watcher = new Thread(() -> agent.listen(control), "interp4j-stop-listener");
        watcher.setDaemon(true);
        watcher.start();
        agent.blockExit();

        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        outputs.put("out", st -> System.setOut(new PrintStream(st, true, StandardCharsets.UTF_8)));
        outputs.put("err", st -> System.setErr(new PrintStream(st, true, StandardCharsets.UTF_8)));
        Map<String, Consumer<InputStream>> inputs = new HashMap<>();
        inputs.put("in", System::setIn);
        Util.forwardExecutionControlAndIO(agent, socket.getInputStream(), socket.getOutputStream(),
                outputs, inputs);
    }

    @Override
    protected void clientCodeEnter() {
        clientThread = Thread.currentThread();
    }

    @Override
    protected void clientCodeLeave() {
        clientThread = null;
    }

    /** Reads stop requests; when the grader goes away (pipe closed), this process ends too. */
    private void listen(InputStream control) {
        try {
            int b;
            while ((b = control.read()) != -1) {
                if (b == 'S') {
                    stopClient();
                }
            }
        } catch (Exception e) {
            // Same as end of input: the grader is gone.
        }
        leaving = true;
        Runtime.getRuntime().halt(0);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void stopClient() {
        Thread t = clientThread;
        if (t != null) {
            try {
                t.stop();
            } catch (UnsupportedOperationException e) {
                // Newer JDKs cannot stop a thread: the grader falls back to killing the process.
            }
        }
    }

    /**
     * Turns {@code System.exit}/{@code Runtime.halt} into an exception. Where the JDK no longer
     * allows a security manager this does nothing and the grader restarts the process instead.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private void blockExit() {
        try {
            System.setSecurityManager(new SecurityManager() {
                @Override
                public void checkPermission(Permission perm) {
                    if (perm instanceof RuntimePermission && "setSecurityManager".equals(perm.getName())) {
                        throw new SecurityException("interp4j: the grader's exit guard cannot be replaced");
                    }
                }

                @Override
                public void checkPermission(Permission perm, Object context) {
                    checkPermission(perm);
                }

                @Override
                public void checkExit(int status) {
                    // Only the agent itself ends this process, when the grader has gone.
                    if (!leaving) {
                        throw new SecurityException(EXIT_MARK + status + ")");
                    }
                }
            });
        } catch (UnsupportedOperationException | SecurityException e) {
            // No security manager on this JDK.
        }
    }
}
