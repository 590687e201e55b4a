package io.baifang.templates;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.baifang.branches.BranchNetwork;
import io.baifang.customers.Customer;
import io.baifang.customers.CustomerDirectory;
import io.baifang.security.CurrentStaff;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/templates} and {@code POST /api/templates/{id}/preview}. A preview by customer fills the
 * customer's and their branch's variables ({@link CustomerVariables}); a customer outside the caller's branches is
 * 404, as if it did not exist. Rendering is pure and quick, so it runs on the request thread.
 */
@RestController
@RequestMapping("/api/templates")
class TemplatesController {

    private final MessageTemplates templates;
    private final CustomerDirectory customers;
    private final BranchNetwork branches;
    private final CurrentStaff currentStaff;

    TemplatesController(MessageTemplates templates, CustomerDirectory customers, BranchNetwork branches,
                        CurrentStaff currentStaff) {
        this.templates = templates;
        this.customers = customers;
        this.branches = branches;
        this.currentStaff = currentStaff;
    }

    @GetMapping
    List<MessageTemplate> list() {
        return templates.all();
    }

    @PostMapping("/{id}/preview")
    Mono<Preview> preview(@PathVariable String id, @RequestBody(required = false) PreviewRequest request) {
        PreviewRequest asked = request == null ? new PreviewRequest(null, null, null, null) : request;
        if (templates.find(id).isEmpty()) {
            return Mono.error(new UnknownTemplateException("no template " + id));
        }
        return variablesFor(asked)
                .map(variables -> templates.render(id, asked.variant(), variables, asked.channel()))
                .map(Preview::of);
    }

    /** The customer's variables first, then those given, which win (a preview may try another 称呼). */
    private Mono<Map<String, Object>> variablesFor(PreviewRequest request) {
        Mono<Map<String, Object>> fromCustomer = request.customerId() == null
                ? Mono.just(Map.of())
                : visibleCustomer(request.customerId()).map(this::variablesOf);
        return fromCustomer.map(variables -> {
            Map<String, Object> all = new HashMap<>(variables);
            if (request.variables() != null) {
                all.putAll(request.variables());
            }
            return all;
        });
    }

    private Mono<Customer> visibleCustomer(UUID customerId) {
        return currentStaff.get().flatMap(caller -> customers.findVisibleTo(customerId, caller));
    }

    private Map<String, Object> variablesOf(Customer customer) {
        return Map.copyOf(CustomerVariables.of(customer, branches.find(customer.branch())));
    }

    @ExceptionHandler(UnknownTemplateException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownTemplateException unknown) {
        return problem(HttpStatus.NOT_FOUND, "Unknown template", unknown.getMessage());
    }

    @ExceptionHandler(MissingVariablesException.class)
    ResponseEntity<ProblemDetail> missing(MissingVariablesException missing) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, "Missing template variables",
                missing.getMessage());
        response.getBody().setProperty("missing", missing.names());
        return response;
    }

    @ExceptionHandler(TemplateNotApplicableException.class)
    ResponseEntity<ProblemDetail> notApplicable(TemplateNotApplicableException notApplicable) {
        return problem(HttpStatus.BAD_REQUEST, "Template not applicable", notApplicable.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * @param customerId fill the customer's and their branch's variables
     * @param variables  other variables, or all of them without a customer
     * @param channel    default: SMS when the template offers it
     * @param variant    default: the first
     */
    record PreviewRequest(UUID customerId, Map<String, String> variables, MessageChannel channel, String variant) {
    }

    /** The contract's five fields first, then what else a person previewing wants to see. */
    record Preview(String text, TextEncoding encoding, int characters, int segments, BigDecimal cost,
                   String currency, MessageChannel channel, TemplateCategory category, String templateId,
                   String variant) {

        static Preview of(RenderedMessage message) {
            return new Preview(message.text(), message.encoding(), message.characters(), message.segments(),
                    message.cost(), message.currency().getCurrencyCode(), message.channel(), message.category(),
                    message.templateId(), message.variantId());
        }
    }
}
