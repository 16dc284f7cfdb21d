package io.vigil.server;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A running Vigil (no demo ward) and, for each test, a fresh patient on {@code ward-a} with a bedside monitor
 * assigned since yesterday, plus the people who look at it: the demo clinician (on the ward-a care team) and the
 * demo caregiver (the patient is shared with them). Subclasses add the database and the tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
public abstract class BedsideContract {

    @LocalServerPort
    protected int httpPort;

    protected WardFixture ward;
    protected VigilClient clinician;
    protected VigilClient caregiver;
    /** The bedside monitor, authenticated with its secret. */
    protected VigilClient device;
    protected String deviceId;
    protected String secret;
    protected String patient;

    @BeforeEach
    void bedsideMonitor() {
        ward = new WardFixture(httpPort);
        clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        caregiver = VigilClient.user(httpPort, "caregiver", WardFixture.PASSWORD);
        WardFixture.Bedside bed = ward.bedside("ward-a");
        patient = bed.patient();
        ward.share(patient, "caregiver");
        deviceId = bed.deviceId();
        secret = bed.secret();
        device = VigilClient.device(httpPort, secret);
    }
}
