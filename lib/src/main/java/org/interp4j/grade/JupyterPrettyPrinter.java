package org.interp4j.grade;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/** Indents JSON the way Jupyter does (one space, {@code "key": value}) so diffs stay small. */
final class JupyterPrettyPrinter extends DefaultPrettyPrinter {

    JupyterPrettyPrinter() {
        super(DefaultPrettyPrinter.DEFAULT_SEPARATORS
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        DefaultIndenter indenter = new DefaultIndenter(" ", "\n");
        indentObjectsWith(indenter);
        indentArraysWith(indenter);
    }

    private JupyterPrettyPrinter(JupyterPrettyPrinter base) {
        super(base);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
        return new JupyterPrettyPrinter(this);
    }
}
