package io.vigil.server.fhir;

import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import io.vigil.fhir.FhirJson;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.delivery.Webhook;
import io.vigil.server.delivery.WebhookSignature;
import io.vigil.server.delivery.WebhookStore;
import io.vigil.server.security.Role;
import java.net.URI;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import ca.uhn.fhir.rest.server.IResourceProvider;

/**
 * FHIR R4 {@code Subscription} (rest-hook) onto Vigil's webhooks: criteria {@code Flag} or {@code Flag?patient=<id>},
 * channel {@code rest-hook} to an http(s) endpoint; with payload {@code application/fhir+json} each alert change is
 * POSTed as the {@code Flag}, without a payload as an empty ping. {@code channel.header} values are sent with each
 * notification; bodies are also signed like every webhook's ({@code X-Vigil-Signature}), with the secret returned
 * once, on creation, in the extension {@value #SECRET_EXTENSION}. Created by integration accounts (deliveries follow
 * their patient scope); read, listed and deleted by their owner or an administrator. Retries and dead letters are
 * the webhooks' ({@code /api/v1/webhooks/dead-letters} lists them for administrators).
 */
@Component
public class SubscriptionResourceProvider implements IResourceProvider {
    static final String SECRET_EXTENSION = "https://vigil.io/fhir/StructureDefinition/webhook-secret";
    private static final Logger log = LoggerFactory.getLogger(SubscriptionResourceProvider.class);

    private final WebhookStore webhooks;
    private final Clock clock;

    SubscriptionResourceProvider(WebhookStore webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Override
    public Class<Subscription> getResourceType() {
        return Subscription.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam String body, @ResourceParam EncodingEnum encoding) {
        FhirRoles.require("Subscription");
        Authentication caller = PatientAccess.caller();
        if (!Role.INTEGRATION.heldBy(caller)) {
            throw FhirRefusals.unprocessable("Subscription", "Subscriptions are created by integration accounts, "
                    + "whose patient scope decides what they receive");
        }
        if (encoding == null) {
            throw FhirRefusals.invalid("Send the Subscription as application/fhir+json (or application/fhir+xml)");
        }
        Subscription s = encoding.newParser(FhirJson.context()).setParserErrorHandler(new StrictErrorHandler())
                .parseResource(Subscription.class, body);
        String patient = patientOf(s.getCriteria());
        Subscription.SubscriptionChannelComponent channel = s.getChannel();
        if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            throw FhirRefusals.unprocessable("Subscription.channel.type", "Only rest-hook channels are supported");
        }
        String endpoint = endpoint(channel.getEndpoint());
        String payload = channel.hasPayload() ? channel.getPayload() : null;
        if (payload != null && !payload.startsWith("application/fhir+json")) {
            throw FhirRefusals.unprocessable("Subscription.channel.payload", "The payload is application/fhir+json or none");
        }
        Webhook hook = new Webhook(UUID.randomUUID().toString(), Webhook.Kind.FHIR_SUBSCRIPTION, caller.getName(), endpoint,
                WebhookSignature.newSecret(), patient, null, Webhook.DEFAULT_ACTIONS,
                payload == null ? "empty" : "fhir-flag", channel.getHeader().stream().map(StringType::getValue).toList(),
                s.getCriteria(), clock.instant(), true);
        webhooks.create(hook);
        log.info("event=fhir_subscription.created subscription={} owner={}", hook.id(), caller.getName());
        Subscription created = of(hook);
        created.addExtension(new Extension(SECRET_EXTENSION, new StringType(hook.secret())));
        return new MethodOutcome(new IdType("Subscription", hook.id()), true).setResource(created);
    }

    @Read
    public Subscription read(@IdParam IdType id) {
        FhirRoles.require("Subscription");
        return of(mine(id.getIdPart()));
    }

    @Search
    public List<Subscription> search() {
        FhirRoles.require("Subscription");
        Authentication caller = PatientAccess.caller();
        return webhooks.list(Webhook.Kind.FHIR_SUBSCRIPTION, Role.ADMIN.heldBy(caller) ? null : caller.getName())
                .stream().map(SubscriptionResourceProvider::of).toList();
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id) {
        FhirRoles.require("Subscription");
        webhooks.deactivate(mine(id.getIdPart()).id());
        return new MethodOutcome();
    }

    private Webhook mine(String id) {
        Authentication caller = PatientAccess.caller();
        return webhooks.find(id).filter(w -> w.kind() == Webhook.Kind.FHIR_SUBSCRIPTION && w.active())
                .filter(w -> Role.ADMIN.heldBy(caller) || w.owner().equals(caller.getName()))
                .orElseThrow(() -> FhirRefusals.notFound("Subscription", id));
    }

    private static Subscription of(Webhook w) {
        Subscription s = new Subscription();
        s.setId(w.id());
        s.setStatus(w.active() ? Subscription.SubscriptionStatus.ACTIVE : Subscription.SubscriptionStatus.OFF);
        s.setReason("Vigil alerts");
        s.setCriteria(w.criteria());
        s.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(w.url());
        if ("fhir-flag".equals(w.payload())) {
            s.getChannel().setPayload("application/fhir+json");
        }
        w.headers().forEach(h -> s.getChannel().addHeader(h));
        s.getMeta().setLastUpdated(Date.from(w.createdAt()));
        return s;
    }

    /** The patient in {@code Flag?patient=<id>}, or null for {@code Flag} / {@code Flag?}; anything else refused. */
    static String patientOf(String criteria) {
        if (criteria == null || !(criteria.equals("Flag") || criteria.startsWith("Flag?"))) {
            throw FhirRefusals.unprocessable("Subscription.criteria",
                    "Vigil's alerts are Flags: criteria is Flag or Flag?patient=<id>");
        }
        String query = criteria.equals("Flag") ? "" : criteria.substring("Flag?".length());
        String patient = null;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (!pair.startsWith("patient=") && !pair.startsWith("subject=")) {
                throw FhirRefusals.unprocessable("Subscription.criteria", "Flag criteria take only patient=<id>");
            }
            String value = pair.substring(pair.indexOf('=') + 1);
            patient = value.startsWith("Patient/") ? value.substring("Patient/".length()) : value;
        }
        return patient;
    }

    private static String endpoint(String url) {
        try {
            URI uri = URI.create(url == null ? "" : url);
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return uri.toString();
            }
        } catch (IllegalArgumentException invalid) {
            log.debug("event=fhir_subscription.bad_endpoint reason={}", invalid.getMessage());
        }
        throw FhirRefusals.unprocessable("Subscription.channel.endpoint", "The endpoint is an absolute http(s) URL");
    }
}
