package org.interp4j.grade.engine;

import jdk.jshell.spi.ExecutionControl;

/** An {@link ExecutionControl} that passes every call to another; subclasses change a few. */
class ForwardingControl implements ExecutionControl {
    private final ExecutionControl delegate;

    ForwardingControl(ExecutionControl delegate) {
        this.delegate = delegate;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        delegate.load(cbcs);
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        delegate.redefine(cbcs);
    }

    @Override
    public String invoke(String className, String methodName) throws RunException, EngineTerminationException,
            InternalException {
        return delegate.invoke(className, methodName);
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        return delegate.varValue(className, varName);
    }

    @Override
    public void addToClasspath(String path) throws EngineTerminationException, InternalException {
        delegate.addToClasspath(path);
    }

    @Override
    public Object extensionCommand(String command, Object arg) throws RunException, EngineTerminationException,
            InternalException {
        return delegate.extensionCommand(command, arg);
    }

    @Override
    public void stop() throws EngineTerminationException, InternalException {
        delegate.stop();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
