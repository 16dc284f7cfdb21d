package io.vigil.model;

import java.util.List;
import java.util.Optional;

/** What a measurement measured: a quantity, a coded answer, or a panel of component quantities. */
public sealed interface MeasuredValue {

    /** A number in the type's canonical UCUM unit. */
    record Quantity(double value, String unit) implements MeasuredValue {
        public Quantity {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a quantity is a finite number");
            }
        }
    }

    /** A coded answer, e.g. ACVPU "V". */
    record Coded(MeasurementType.Answer answer) implements MeasuredValue {}

    /** Component quantities of a panel such as blood pressure, in the panel's component order. */
    record Panel(List<Component> components) implements MeasuredValue {
        public Panel {
            components = List.copyOf(components);
        }

        public Optional<Component> component(String alias) {
            return components.stream().filter(c -> c.type().alias().equals(alias)).findFirst();
        }
    }

    /** One component of a panel: its type and its quantity. */
    record Component(MeasurementType type, Quantity quantity) {}
}
