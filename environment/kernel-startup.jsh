// Run once by the "Java (interp4j)" kernel as it starts (JJAVA_STARTUP_SCRIPTS_PATH, set by kernelspec.py).
// JJava shows the value of a cell's last expression, so a cell ending in System.out.printf(...) would show
// "java.io.PrintStream@1b2c3d" under its output. A PrintStream or PrintWriter value renders as empty text instead;
// every other value renders as before. Names are fully qualified so this does not depend on JJava's default imports.
// (The cell keeps an empty result; JupyterLab shows its bare "[n]:" prompt.) If this script fails, the kernel does
// not start at all, so a JJava upgrade that breaks it cannot pass `make test`.
for (Class<?> type : java.util.List.of(java.io.PrintStream.class, java.io.PrintWriter.class)) {
    org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel().getRenderer().createRegistration(type)
            .preferring(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)
            .register((value, context) -> context.getOutputContainer().putText(""));
}
