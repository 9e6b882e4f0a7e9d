package io.loadfleet.worker.engine;

import io.loadfleet.api.control.TrafficShape;
import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.TracingSpec;
import io.loadfleet.worker.generate.DevicePickers;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.generate.RecordRandom;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.pace.Arrivals;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.pace.Pacer;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SendListener;

/**
 * The one way a shard's run is put together, for {@code loadfleet run} and a worker pod alike: its
 * generator, encoder, identity, tracing, faults, pacer and runner, on a daemon thread.
 *
 * @param profile the profile's name, which every record's identity carries
 * @param shape   the records' shape, resolved once for the process
 * @param sink    where every shard of the process sends
 * @param seed    the generator's effective seed
 * @param tracing the profile's tracing; null traces nothing
 * @param traffic how records spread over devices and time; null for round robin at a constant pace
 * @param faults  the faults to inject; null injects none
 */
public record ShardLauncher(
        String profile,
        RecordShape shape,
        RecordSink sink,
        Format format,
        long seed,
        TracingSpec tracing,
        TrafficShape traffic,
        FaultSettings faults,
        Clock clock) {

    /** A shard's run, ready to {@link #start()}: its thread sends until the pacer says the run is over. */
    public record ShardThread(Pacer pacer, Thread thread) {
        public void start() {
            thread.start();
        }
    }

    /**
     * Builds the run of {@code shard} in {@code epoch}; its thread runs {@code afterRun} once it stops sending.
     *
     * @param stats      counts the run's records (and maybe other runs' of the process)
     * @param watermark  settles the run's sequences as their sends end; null tracks none (a local run, which
     *                   ends only once every send has, so its stream is simply all it sent)
     * @param budget     the records the shard may still send (spec.count), shared with its other runs; null for no
     *                   limit
     * @param threadName names the thread in logs and thread dumps
     */
    public ShardThread prepare(
            ShardPlan shard,
            long epoch,
            ShardTiming timing,
            ShardStats stats,
            AckedWatermark watermark,
            RecordBudget budget,
            String threadName,
            Runnable afterRun) {
        RecordGenerator generator = shape.create(new GeneratorSettings(
                seed, shard.index(), shard.deviceStart(), shard.deviceEnd(), timing.fleetStartWallMillis(), epoch));
        // Each epoch numbers its records from 0: its devices, faults and arrival instants are drawn afresh too, as
        // its records' values and trace ids are (mix(0) is 0: a local run draws from the seed alone).
        long epochSeed = seed ^ RecordRandom.mix(epoch);
        SendListener outcomes = watermark == null ? stats : new RunOutcomes(stats, watermark);
        ShardSender sender = new ShardSender(sink, stats, outcomes);
        ShardRecords records = new ShardRecords(
                generator,
                DevicePickers.of(ShardTraffic.devices(traffic), epochSeed, shard.index(), shard.deviceCount()),
                sink.encoder(format, generator.schema()),
                new OutgoingRecord(profile, shard.index(), epoch),
                TraceSampler.of(tracing, seed, shard.index(), epoch),
                faults == null
                        ? null
                        : new FaultInjector(
                                new FaultDraws(faults, epochSeed, shard.index()),
                                faults.delayNanos(),
                                new OutgoingRecord(profile, shard.index(), epoch),
                                sender,
                                stats));
        Pacer pacer = new Pacer(
                clock,
                Arrivals.of(timing.schedule(), ShardTraffic.arrivals(traffic), epochSeed, shard.index()),
                timing.startNanos(),
                timing.runNanos());
        ShardRunner runner = new ShardRunner(shard, records, sender, pacer, timing, stats, budget);
        Thread thread = new Thread(
                () -> {
                    try {
                        runner.run();
                    } finally {
                        afterRun.run();
                    }
                },
                threadName);
        thread.setDaemon(true);
        return new ShardThread(pacer, thread);
    }
}
