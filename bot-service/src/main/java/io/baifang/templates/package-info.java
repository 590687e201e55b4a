/**
 * Message templates: the scripted messages Baifang sends, one YAML file each in {@code templates/}
 * ({@code baifang.templates-dir}), loaded and validated at start-up; rendering them strictly for one customer;
 * and how long and how expensive the result is as an SMS.
 *
 * <p>Public API: {@link io.baifang.templates.MessageTemplates} ({@code all()}, {@code find(id)},
 * {@code render(templateId, variantId, variables, channel)}) returning a
 * {@link io.baifang.templates.RenderedMessage}; the value types {@link io.baifang.templates.MessageTemplate},
 * {@link io.baifang.templates.TemplateVariant}, {@link io.baifang.templates.TemplateVariable},
 * {@link io.baifang.templates.TemplateCategory}, {@link io.baifang.templates.MessageChannel},
 * {@link io.baifang.templates.TextEncoding}; {@link io.baifang.templates.SmsEncoding#measure(String)} for any
 * text; {@link io.baifang.templates.CustomerVariables} so that campaigns fill a customer's variables exactly as the
 * preview does; and the exceptions a caller handles ({@link io.baifang.templates.UnknownTemplateException},
 * {@link io.baifang.templates.TemplateNotApplicableException}, {@link io.baifang.templates.MissingVariablesException},
 * all {@link io.baifang.templates.TemplateException}).
 *
 * <p>How it is cut: {@code TemplateFiles} reads and validates the folder (every message names the file);
 * {@code MessageRenderer} renders one variant (Mustache with HTML escaping off, every variable required, all
 * missing ones named together), frames it ({@code MessageFrame}: the 【signature】 in front, the opt-out line after
 * marketing bodies — never written in a template) and prices it ({@code Pricing}); {@code SmsEncoding} counts
 * GSM-7 / UCS-2 segments. All of that is plain Java (an ArchUnit test keeps Spring and Reactor out); only
 * {@code TemplatesConfiguration}, {@code TemplatesProperties} and {@code TemplatesController} know Spring.
 *
 * <p>Dependencies: besides {@code shared}, the preview by customer reads {@code customers}
 * ({@code CustomerDirectory}), {@code branches} ({@code BranchNetwork}) and {@code security} ({@code CurrentStaff},
 * for branch scoping). None of those may ever depend on {@code templates}, or the modules would form a cycle.
 */
package io.baifang.templates;
