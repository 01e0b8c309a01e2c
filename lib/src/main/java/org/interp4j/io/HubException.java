package org.interp4j.io;

import java.io.IOException;

/** A hub download or cache lookup that cannot succeed as asked; the message says what to do. */
public class HubException extends IOException {
    public HubException(String message) {
        super(message);
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
