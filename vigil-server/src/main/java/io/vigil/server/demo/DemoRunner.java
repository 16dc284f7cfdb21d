package io.vigil.server.demo;

import io.vigil.server.VigilProperties;
import io.vigil.server.access.PatientShares;
import io.vigil.server.clinical.News2ScaleStore;
import io.vigil.server.device.DeviceAssignments;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.mqtt.EmbeddedBroker;
import io.vigil.server.patient.PatientRegistration;
import io.vigil.server.patient.PatientStore;
import io.vigil.sim.PatientPhysiology;
import io.vigil.sim.SimulatedDevice;
import io.vigil.sim.FloorFeed;
import io.vigil.sim.Simulator;
import io.vigil.sim.TagFloor;
import io.vigil.server.tag.TagProperties;
import io.vigil.server.tag.TagRegistry;
import io.vigil.server.zone.ZoneStore;
import io.vigil.sim.SimulatorOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** In demo mode: provisions the demo ward and starts its simulated devices in-process, over real MQTT. */
@Component
class DemoRunner implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final VigilProperties properties;
    private final DemoWard ward;
    private final ObjectProvider<EmbeddedBroker> broker;
    private final Clock clock;
    private final DeviceStore deviceStore;
    private final DeviceAssignments assignments;
    private Simulator simulator;
    private DemoEcg ecg;
    private final DemoFloor floor;
    private final TagProperties tagProperties;
    private FloorFeed floorFeed;
    private final io.vigil.server.medication.DemoDispenser dispenser;

    DemoRunner(VigilProperties properties, PatientRegistration registration, PatientStore patients, DeviceStore devices,
               DeviceAssignments assignments, PatientShares shares, News2ScaleStore scales,
               ObjectProvider<EmbeddedBroker> broker, Clock clock, ZoneStore zones, TagRegistry tags,
               TagProperties tagProperties, io.vigil.server.medication.DemoDispenser dispenser) {
        this.properties = properties;
        this.dispenser = dispenser;
        this.floor = new DemoFloor(zones, tags, devices, assignments, clock);
        this.tagProperties = tagProperties;
        this.ward = new DemoWard(registration, patients, devices, assignments, shares, scales, clock);
        this.broker = broker;
        this.clock = clock;
        this.deviceStore = devices;
        this.assignments = assignments;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.isDemo() || !properties.demo().enabled()) {
            return;
        }
        List<DemoWard.Provisioned> provisioned = ward.provision(properties.demo().beds());
        log.info("event=demo.provisioned devices={}", provisioned.size());
        provisioned.stream().filter(p -> p.bed().mrn().equals(DemoWard.CAREGIVERS_PATIENT)).findFirst()
                .ifPresent(p -> dispenser.provision(p.patientId()));
        EmbeddedBroker mqtt = broker.getIfAvailable();
        if (!properties.demo().simulate() || mqtt == null || mqtt.port() < 0) { // the simulator speaks plain MQTT
            return;
        }
        List<SimulatedDevice> devices = provisioned.stream().map(p -> new SimulatedDevice(p.bed().deviceId(), p.secret(),
                p.bed().kind(), PatientPhysiology.random(p.bed().mrn().hashCode(), p.bed().scenario(), clock))).toList();
        simulator = new Simulator(SimulatorOptions.mqtt(URI.create("mqtt://" + mqtt.host() + ":" + mqtt.port()))
                .withSpeed(properties.demo().speed()).withInterval(simulatedInterval()), clock);
        simulator.start(devices);
        log.info("event=demo.simulator_started devices={}", devices.size());
        ecg = DemoEcg.start(deviceStore, assignments, provisioned.getFirst().patientId(),
                URI.create("mqtt://" + mqtt.host() + ":" + mqtt.port()), clock);
        TagFloor tagFloor = floor.provision(provisioned, tagProperties.demoPumpLeavesAfter());
        floorFeed = new FloorFeed(tagFloor, URI.create("mqtt://" + mqtt.host() + ":" + mqtt.port()), clock);
        floorFeed.start(properties.demo().interval());
        log.info("event=demo.floor_started readers={}", tagFloor.readers().size());
    }

    /** The simulator's interval is in simulated time; the demo's setting is the real time between readings. */
    private Duration simulatedInterval() {
        return Duration.ofNanos((long) (properties.demo().interval().toNanos() * properties.demo().speed()));
    }

    /** Devices go quiet before the broker stops (context-closed comes before lifecycle shutdown). */
    @EventListener(ContextClosedEvent.class)
    public void destroy() {
        if (ecg != null) {
            ecg.close();
            ecg = null;
        }
        if (floorFeed != null) {
            floorFeed.close();
            floorFeed = null;
        }
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
