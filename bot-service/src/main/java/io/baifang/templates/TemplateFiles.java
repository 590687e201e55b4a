package io.baifang.templates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the template folder: every {@code *.yml} / {@code *.yaml} file is one template. Validation is by hand,
 * not by binding, so that each message names the file and the field a person has to fix; the first problem
 * stops the service.
 *
 * <p>Decisions where the issue left a choice: a declared variable that no variant uses fails too (it is
 * nearly always a typo or a leftover, and callers would be asked for a value nobody sees); bodies hold plain
 * {@code {{variables}}} only — sections, partials and dotted names are refused, so that "logic-less" also means
 * no hidden blanks; a marketing body must end with sentence punctuation, because the opt-out line follows it.
 */
final class TemplateFiles {

    /** HTML escaping off: an SMS is plain text, {@code &} must stay {@code &}. */
    static final Mustache.Compiler MUSTACHE = Mustache.compiler().escapeHTML(false).strictSections(true);

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern VARIANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Set<String> FIELDS = Set.of("id", "name", "category", "channels", "variables", "body",
            "variants");
    private static final Set<String> VARIANT_FIELDS = Set.of("id", "body", "weight");
    private static final Set<String> VARIABLE_FIELDS = Set.of("description", "example");
    private static final String SENTENCE_END = "。！？!?.…~）)";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private TemplateFiles() {
    }

    /** Every template in the folder, ordered by file name. */
    static List<CompiledTemplate> load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidTemplateFileException("template folder " + folder.toAbsolutePath()
                    + " does not exist; set baifang.templates-dir (BAIFANG_TEMPLATES_DIR) to the folder holding the"
                    + " *.yml templates");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(TemplateFiles::isTemplateFile).sorted().toList();
        } catch (IOException e) {
            throw new InvalidTemplateFileException("template folder " + folder + " cannot be read: " + e.getMessage());
        }
        List<CompiledTemplate> templates = new ArrayList<>();
        Map<String, String> fileOfId = new HashMap<>();
        for (Path file : files) {
            CompiledTemplate template = read(file);
            String earlier = fileOfId.putIfAbsent(template.template().id(), file.toString());
            if (earlier != null) {
                throw new InvalidTemplateFileException(file + ": id '" + template.template().id()
                        + "' is already used by " + earlier);
            }
            templates.add(template);
        }
        return List.copyOf(templates);
    }

    static CompiledTemplate read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new InvalidTemplateFileException(file + " is not readable YAML (UTF-8): " + e.getMessage());
        }
        return parse(root, file.toString());
    }

    static CompiledTemplate parse(JsonNode root, String file) {
        if (root == null || !root.isObject()) {
            throw new InvalidTemplateFileException(file + ": expected a mapping with id, name, category, channels,"
                    + " variables and body");
        }
        String id = required(root, "id", file);
        if (!ID.matcher(id).matches()) {
            throw new InvalidTemplateFileException(file + ": id '" + id
                    + "' must be lower-case letters, digits and '-' (e.g. visit-invitation)");
        }
        String where = file + " (" + id + ")";
        onlyKnownFields(root, FIELDS, where);
        String name = required(root, "name", where);
        TemplateCategory category = category(root.path("category"), where);
        List<MessageChannel> channels = channels(root.path("channels"), where);
        List<TemplateVariable> variables = variables(root.path("variables"), where);
        Set<String> declared = new LinkedHashSet<>();
        variables.forEach(variable -> declared.add(variable.name()));

        List<TemplateVariant> variants = new ArrayList<>();
        Map<String, Template> bodies = new LinkedHashMap<>();
        boolean hasBody = root.has("body");
        boolean hasVariants = root.has("variants");
        if (hasBody == hasVariants) {
            throw new InvalidTemplateFileException(where + ": give either a body or a list of variants"
                    + (hasBody ? ", not both" : ""));
        }
        if (hasBody) {
            addVariant(TemplateVariant.DEFAULT_ID, root.get("body"), 1, category, declared, variants, bodies,
                    where + ": body");
        } else {
            readVariants(root.get("variants"), category, declared, variants, bodies, where);
        }

        Set<String> used = new LinkedHashSet<>();
        variants.forEach(variant -> used.addAll(variant.variables()));
        List<String> unused = declared.stream().filter(variable -> !used.contains(variable)).toList();
        if (!unused.isEmpty()) {
            throw new InvalidTemplateFileException(where + ": variable" + (unused.size() == 1 ? " " : "s ")
                    + String.join(", ", unused) + " declared but never used in the body; remove "
                    + (unused.size() == 1 ? "it" : "them") + " or use " + (unused.size() == 1 ? "it" : "them"));
        }
        MessageTemplate template = new MessageTemplate(id, name, category, channels, variables, variants);
        return new CompiledTemplate(template, bodies, file);
    }

    private static void readVariants(JsonNode node, TemplateCategory category, Set<String> declared,
                                     List<TemplateVariant> variants, Map<String, Template> bodies, String where) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidTemplateFileException(where + ": variants must be a non-empty list of {id, body, weight}");
        }
        int index = 0;
        for (JsonNode entry : node) {
            index++;
            String at = where + ": variants #" + index;
            if (!entry.isObject()) {
                throw new InvalidTemplateFileException(at + ": expected a mapping of id, body and optional weight");
            }
            onlyKnownFields(entry, VARIANT_FIELDS, at);
            String variantId = required(entry, "id", at);
            if (!VARIANT_ID.matcher(variantId).matches()) {
                throw new InvalidTemplateFileException(at + ": id '" + variantId
                        + "' must be letters, digits, '-' or '_' (e.g. A, B, short)");
            }
            if (bodies.containsKey(variantId)) {
                throw new InvalidTemplateFileException(at + ": variant id '" + variantId + "' appears twice");
            }
            addVariant(variantId, entry.path("body"), weight(entry.path("weight"), at), category, declared,
                    variants, bodies, at + " (" + variantId + ")");
        }
    }

    private static void addVariant(String variantId, JsonNode bodyNode, int weight, TemplateCategory category,
                                   Set<String> declared, List<TemplateVariant> variants, Map<String, Template> bodies,
                                   String where) {
        String body = bodyNode.isString() ? bodyNode.asString().strip() : "";
        if (body.isEmpty()) {
            throw new InvalidTemplateFileException(where + " is empty; write the message text");
        }
        if (body.contains("【") || body.contains("】")) {
            throw new InvalidTemplateFileException(where + " contains 【 】: the sender signature is added by the"
                    + " renderer (setting baifang.templates.signature); remove it from the body");
        }
        if (body.contains("退订")) {
            throw new InvalidTemplateFileException(where + " contains 退订: the opt-out line is added by the renderer"
                    + " to marketing messages; remove it from the body (the opt-out confirmation can say 不再发送)");
        }
        if (category.isMarketing() && SENTENCE_END.indexOf(body.codePointBefore(body.length())) < 0) {
            throw new InvalidTemplateFileException(where + " must end with sentence punctuation (。！？), since the"
                    + " opt-out line is appended right after it");
        }
        Template compiled;
        try {
            compiled = MUSTACHE.compile(body);
        } catch (MustacheException e) {
            throw new InvalidTemplateFileException(where + " is not a valid Mustache template: " + e.getMessage());
        }
        List<String> used = variablesOf(compiled, where);
        List<String> undeclared = used.stream().filter(variable -> !declared.contains(variable)).toList();
        if (!undeclared.isEmpty()) {
            throw new InvalidTemplateFileException(where + " uses undeclared variable"
                    + (undeclared.size() == 1 ? " " : "s ") + String.join(", ", undeclared)
                    + "; declare " + (undeclared.size() == 1 ? "it" : "them") + " under variables (declared: "
                    + (declared.isEmpty() ? "none" : String.join(", ", declared)) + ")");
        }
        variants.add(new TemplateVariant(variantId, body, weight, used));
        bodies.put(variantId, compiled);
    }

    /** The variables a body uses, in order of first use; anything but a plain variable is refused. */
    private static List<String> variablesOf(Template compiled, String where) {
        Set<String> used = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        compiled.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
                // jmustache keeps an unclosed "{{name" as text: it would reach the customer verbatim
                if (text.contains("{{") || text.contains("}}")) {
                    refused.add("unclosed or stray {{ }} in \"" + text.strip() + "\"");
                }
            }

            @Override
            public void visitVariable(String name) {
                if (VARIABLE.matcher(name).matches()) {
                    used.add(name);
                } else {
                    refused.add("{{" + name + "}} is not a plain variable name (letters, digits, '_')");
                }
            }

            @Override
            public boolean visitInclude(String name) {
                refused.add("{{>" + name + "}} (partials are not supported)");
                return false;
            }

            @Override
            public boolean visitParent(String name) {
                refused.add("{{<" + name + "}} (template inheritance is not supported)");
                return false;
            }

            @Override
            public boolean visitBlock(String name) {
                refused.add("{{$" + name + "}} (blocks are not supported)");
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                refused.add("{{#" + name + "}} (sections are not supported: every variable is required)");
                return false;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                refused.add("{{^" + name + "}} (sections are not supported: every variable is required)");
                return false;
            }
        });
        if (!refused.isEmpty()) {
            throw new InvalidTemplateFileException(where + ": " + String.join("; ", refused));
        }
        return List.copyOf(used);
    }

    private static TemplateCategory category(JsonNode node, String where) {
        String text = node.isString() ? node.asString().trim() : "";
        try {
            return TemplateCategory.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidTemplateFileException(where + ": category "
                    + (node.isMissingNode() ? "is required" : "'" + node.asString() + "' is not known")
                    + " (MARKETING or TRANSACTIONAL)");
        }
    }

    private static List<MessageChannel> channels(JsonNode node, String where) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidTemplateFileException(where + ": channels must be a non-empty list (SMS, WHATSAPP,"
                    + " WEBCHAT)");
        }
        Set<MessageChannel> channels = new LinkedHashSet<>();
        for (JsonNode entry : node) {
            String text = entry.isString() ? entry.asString().trim() : "";
            try {
                channels.add(MessageChannel.valueOf(text.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidTemplateFileException(where + ": channel '" + entry.asString()
                        + "' is not known (SMS, WHATSAPP, WEBCHAT)");
            }
        }
        return List.copyOf(channels);
    }

    private static List<TemplateVariable> variables(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new InvalidTemplateFileException(where + ": variables must be a mapping of name to"
                    + " {description, example}");
        }
        List<TemplateVariable> variables = new ArrayList<>();
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            String at = where + ": variables." + name;
            if (!VARIABLE.matcher(name).matches()) {
                throw new InvalidTemplateFileException(at + ": a variable name is letters, digits and '_',"
                        + " starting with a letter (e.g. customerName)");
            }
            JsonNode entry = node.get(name);
            if (!entry.isObject()) {
                throw new InvalidTemplateFileException(at + ": expected {description, example}");
            }
            onlyKnownFields(entry, VARIABLE_FIELDS, at);
            variables.add(new TemplateVariable(name, required(entry, "description", at), required(entry, "example", at)));
        }
        return List.copyOf(variables);
    }

    private static int weight(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return 1;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() <= 0) {
            throw new InvalidTemplateFileException(where + ": weight must be a whole number above 0, not '"
                    + node.asString() + "'");
        }
        return node.asInt();
    }

    private static void onlyKnownFields(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidTemplateFileException(where + ": unknown field '" + name + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    private static String required(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        String text = value.isValueNode() && !value.isNull() ? value.asString().trim() : "";
        if (text.isEmpty()) {
            throw new InvalidTemplateFileException(where + ": " + field + " is required");
        }
        return text;
    }

    private static boolean isTemplateFile(Path path) {
        String name = path.getFileName().toString();
        return Files.isRegularFile(path) && !name.startsWith(".") && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }
}
