package io.baifang.templates;

import java.util.Map;

import com.samskivert.mustache.Template;

/** A loaded template with each variant's body compiled once, at start-up. */
record CompiledTemplate(MessageTemplate template, Map<String, Template> bodies, String file) {

    CompiledTemplate {
        bodies = Map.copyOf(bodies);
    }
}
