package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.EnumMap;
import java.util.Map;

/**
 * The built-in generators' odds and ranges: one block per type, which applies to that type only;
 * every knob left out keeps its default, and the defaults are the records the generators always made.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GeneratorSettingsSpec {

    @JsonPropertyDescription("type iot-sensor: the odds of its alert conditions.")
    private IotSensorSettingsSpec iotSensor;

    @JsonPropertyDescription("type smart-meter: the mix of meter statuses.")
    private SmartMeterSettingsSpec smartMeter;

    @JsonPropertyDescription("type transaction: the decline and fraud rates.")
    private TransactionSettingsSpec transaction;

    @JsonPropertyDescription("type gaming-bet: the mix of operations and the stake and amount ranges.")
    private GamingBetSettingsSpec gamingBet;

    @JsonPropertyDescription("type temperature: the probes' drift.")
    private TemperatureSettingsSpec temperature;

    /** The blocks given, by the type each is for, with its field name: each must match spec.generator.type. */
    @JsonIgnore
    public Map<GeneratorType, String> givenBlocks() {
        Map<GeneratorType, String> given = new EnumMap<>(GeneratorType.class);
        if (iotSensor != null) {
            given.put(GeneratorType.IOT_SENSOR, "iotSensor");
        }
        if (smartMeter != null) {
            given.put(GeneratorType.SMART_METER, "smartMeter");
        }
        if (transaction != null) {
            given.put(GeneratorType.TRANSACTION, "transaction");
        }
        if (gamingBet != null) {
            given.put(GeneratorType.GAMING_BET, "gamingBet");
        }
        if (temperature != null) {
            given.put(GeneratorType.TEMPERATURE, "temperature");
        }
        return given;
    }

    /** The iot-sensor block, or one of defaults. */
    public IotSensorSettingsSpec effectiveIotSensor() {
        return iotSensor == null ? new IotSensorSettingsSpec() : iotSensor;
    }

    /** The smart-meter block, or one of defaults. */
    public SmartMeterSettingsSpec effectiveSmartMeter() {
        return smartMeter == null ? new SmartMeterSettingsSpec() : smartMeter;
    }

    /** The transaction block, or one of defaults. */
    public TransactionSettingsSpec effectiveTransaction() {
        return transaction == null ? new TransactionSettingsSpec() : transaction;
    }

    /** The gaming-bet block, or one of defaults. */
    public GamingBetSettingsSpec effectiveGamingBet() {
        return gamingBet == null ? new GamingBetSettingsSpec() : gamingBet;
    }

    /** The temperature block, or one of defaults. */
    public TemperatureSettingsSpec effectiveTemperature() {
        return temperature == null ? new TemperatureSettingsSpec() : temperature;
    }

    public IotSensorSettingsSpec getIotSensor() {
        return iotSensor;
    }

    public void setIotSensor(IotSensorSettingsSpec iotSensor) {
        this.iotSensor = iotSensor;
    }

    public SmartMeterSettingsSpec getSmartMeter() {
        return smartMeter;
    }

    public void setSmartMeter(SmartMeterSettingsSpec smartMeter) {
        this.smartMeter = smartMeter;
    }

    public TransactionSettingsSpec getTransaction() {
        return transaction;
    }

    public void setTransaction(TransactionSettingsSpec transaction) {
        this.transaction = transaction;
    }

    public GamingBetSettingsSpec getGamingBet() {
        return gamingBet;
    }

    public void setGamingBet(GamingBetSettingsSpec gamingBet) {
        this.gamingBet = gamingBet;
    }

    public TemperatureSettingsSpec getTemperature() {
        return temperature;
    }

    public void setTemperature(TemperatureSettingsSpec temperature) {
        this.temperature = temperature;
    }
}
