package org.interp4j.grade.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.NotImplementedException;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell execution engine that runs snippets in a separate JVM started by the grader:
 * same {@code java} as the grader, the given class path and JVM options, and a private
 * working directory, so files a notebook writes with relative paths stay out of the grader's way.
 *
 * <p>The engine keeps the {@link Process} so it can tell an exit status apart from a kill
 * and destroy the process when a cell cannot be stopped.
 */
public final class ProcessEngine implements ExecutionControlProvider {

    private static final long CONNECT_TIMEOUT_MS = 60_000;

    private final String classPath;
    private final List<String> vmOptions;
    private final Path workDir;
    private final Path logFile;
    private volatile Process process;
    private volatile OutputStream control;

    public ProcessEngine(String classPath, List<String> vmOptions, Path workDir, Path logFile) {
        this.classPath = classPath;
        this.vmOptions = List.copyOf(vmOptions);
        this.workDir = workDir;
        this.logFile = logFile;
    }

    @Override
    public String name() {
        return "interp4j-process";
    }

    /** The running process, or null before start. */
    public Process process() {
        return process;
    }

    /** Asks the agent to stop the running cell (sends {@code S} on its standard input). */
    public void requestStop() {
        OutputStream c = control;
        if (c == null) {
            return;
        }
        try {
            c.write('S');
            c.flush();
        } catch (IOException e) {
            // The process is gone; nothing to stop.
        }
    }

    /** Kills the process and waits briefly for it to go. */
    public void kill() {
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws Throwable {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) CONNECT_TIMEOUT_MS);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            int jdk = Runtime.version().feature();
            if (jdk >= 18 && jdk < 24) {
                // Lets the agent install its exit guard; from JDK 24 on there is no security manager.
                cmd.add("-Djava.security.manager=allow");
            }
            // submissions read files as the kernel does (kernelspec.py): UTF-8, not Windows' Java 17 default cp1252
            cmd.add("-Dfile.encoding=UTF-8");
            cmd.addAll(vmOptions);
            cmd.addAll(env.extraRemoteVMOptions());
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(RemoteAgent.class.getName());
            cmd.add(Integer.toString(server.getLocalPort()));
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // PyTorch's OpenMP threads spin while waiting for work; when anything else wants the cores
            // (another grading JVM, a browser) that spinning makes a forward pass several times slower
            pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
            Process p = pb.start();
            process = p;
            control = p.getOutputStream();
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                p.destroyForcibly();
                throw new IOException("the notebook's JVM did not start (see " + logFile + "): " + e.getMessage(), e);
            }
            // When the process dies (exit, kill, crash) JShell must learn it at once.
            p.onExit().thenRun(env::closeDown);
            Map<String, OutputStream> outputs = new HashMap<>();
            outputs.put("out", env.userOut());
            outputs.put("err", env.userErr());
            Map<String, InputStream> inputs = new HashMap<>();
            inputs.put("in", env.userIn());
            return Util.remoteInputOutput(socket.getInputStream(), socket.getOutputStream(), outputs, inputs,
                    (objIn, objOut) -> new Control(new StreamingExecutionControl(objOut, objIn), this));
        }
    }

    /** Routes JShell's stop and close to this process instead of the (absent) debugger. */
    private static final class Control extends ForwardingControl {
        private final ProcessEngine engine;

        Control(ExecutionControl delegate, ProcessEngine engine) {
            super(delegate);
            this.engine = engine;
        }

        @Override
        public void stop() {
            engine.requestStop();
        }

        /**
         * Says "not implemented" here, as JShell's in-process engine does, so JShell loads a replaced
         * declaration as a new class. Asked of the agent, the answer comes back as another kind of
         * failure, and JShell then keeps the first value of a variable declared again in a later cell.
         */
        @Override
        public void redefine(ClassBytecodes[] cbcs) throws NotImplementedException {
            throw new NotImplementedException("redefine not supported");
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                engine.kill();
            }
        }
    }
}
