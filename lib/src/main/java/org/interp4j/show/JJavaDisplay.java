package org.interp4j.show;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Base64;
import java.util.UUID;

/**
 * Sends output to the JJava kernel the code is running in. JJava is not on Maven Central and the
 * library must also work in plain Java, so its classes are looked up by name at run time: in a
 * notebook they are visible because JJava loads notebook code with a child of its own class loader.
 */
final class JJavaDisplay implements Display {
    private static final String KERNEL = "org.dflib.jjava.jupyter.kernel.BaseKernel";
    private static final String DATA = "org.dflib.jjava.jupyter.kernel.display.DisplayData";

    private final Object displayStream;
    private final Constructor<?> newData;
    private final Method putData;
    private final Method setDisplayId;
    private final Method display;
    private final Method updateDisplay;

    private JJavaDisplay(ClassLoader loader, Object kernel) throws ReflectiveOperationException {
        Class<?> kernelClass = Class.forName(KERNEL, true, loader);
        Class<?> dataClass = Class.forName(DATA, true, loader);
        Object io = kernelClass.getMethod("getIO").invoke(kernel);
        Field displayField = io.getClass().getField("display");
        displayStream = displayField.get(io);
        newData = dataClass.getConstructor();
        putData = dataClass.getMethod("putData", String.class, Object.class);
        setDisplayId = dataClass.getMethod("setDisplayId", String.class);
        display = displayStream.getClass().getMethod("display", dataClass);
        updateDisplay = displayStream.getClass().getMethod("updateDisplay", String.class, dataClass);
    }

    /** The running kernel's display, or null when this code does not run inside JJava. */
    static Display find() {
        ClassLoader[] loaders = {Thread.currentThread().getContextClassLoader(), JJavaDisplay.class.getClassLoader()};
        for (ClassLoader loader : loaders) {
            if (loader == null) continue;
            try {
                Object kernel = Class.forName(KERNEL, true, loader).getMethod("notebookKernel").invoke(null);
                if (kernel != null) return new JJavaDisplay(loader, kernel);
            } catch (ReflectiveOperationException | LinkageError notInJJava) {
                // try the next loader, then fall back to the terminal
            }
        }
        return null;
    }

    @Override
    public String show(Output output) {
        String id = UUID.randomUUID().toString();
        send(display, null, id, output);
        return id;
    }

    @Override
    public void update(String id, Output output) {
        send(updateDisplay, id, id, output);
    }

    private void send(Method how, String idArg, String id, Output output) {
        try {
            Object data = newData.newInstance();
            putData.invoke(data, "text/plain", output.text());
            if (output.html() != null) putData.invoke(data, "text/html", output.html());
            if (output.png() != null) putData.invoke(data, "image/png", Base64.getEncoder().encodeToString(output.png()));
            if (output.svg() != null) putData.invoke(data, "image/svg+xml", output.svg());
            setDisplayId.invoke(data, id);
            if (idArg == null) how.invoke(displayStream, data);
            else how.invoke(displayStream, idArg, data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not send output to the JJava kernel: " + e, e);
        }
    }
}
