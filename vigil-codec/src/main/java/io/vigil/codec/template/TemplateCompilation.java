package io.vigil.codec.template;

import java.util.Objects;

/** The outcome of loading a mapping template: ready to map payloads, or refused with where and why. */
public sealed interface TemplateCompilation {

    record Compiled(MappingTemplate template) implements TemplateCompilation {
        public Compiled {
            Objects.requireNonNull(template, "template");
        }
    }

    /**
     * @param line   1-based line of the template text the refusal points at (0 when the text has no usable position)
     * @param column 1-based column on that line (0 when unknown)
     * @param reason one sentence for the template's author
     */
    record Refused(int line, int column, String reason) implements TemplateCompilation {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        /** "line 12, column 7: reason" — for logs and the command line. */
        public String describe() {
            return line <= 0 ? reason : "line " + line + ", column " + column + ": " + reason;
        }
    }
}
