package io.jenkins.plugins.happyhorse.client.spend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spend ledger on disk: written ahead, confirmed, corrected, torn lines, compaction and queries. */
class FileSpendLedgerTest {
    private static final Instant T0 = Instant.parse("2026-03-14T02:00:00Z");

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(T0);

    static SpendIntent intent(Instant at, String job, String build, String usd, String digest) {
        return new SpendIntent(
                at,
                SpendLabels.of(job, build),
                "wavespeed",
                "alibaba/happyhorse-1.0/reference-to-video",
                10,
                "1080p",
                "16:9",
                new BigDecimal(usd),
                digest,
                "");
    }

    @Test
    void anIntentIsOnTheDiskBeforeIntentReturnsAndTheConfirmationFollows() throws IOException {
        FileSpendLedger ledger = FileSpendLedger.open(dir, clock);
        String id = ledger.intent(intent(T0, "nightly", "41", "2.80", "d1"));
        Path file = dir.resolve("2026-03.jsonl");
        assertThat(Files.readString(file))
                .contains("\"type\":\"intent\"")
                .contains(id)
                .contains("\"usd\":\"2.80\"");
        assertThat(ledger.charge(id).orElseThrow().state()).isEqualTo(ChargeState.PENDING);

        ledger.confirm(id, "pred-1");
        ledger.confirm(id, "pred-1"); // idempotent: nothing more written
        Charge c = ledger.charge(id).orElseThrow();
        assertThat(c.state()).isEqualTo(ChargeState.CONFIRMED);
        assertThat(c.predictionId()).isEqualTo("pred-1");
        assertThat(c.cost()).isEqualByComparingTo("2.80");
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(Files.readAllLines(file)).allMatch(line -> line.startsWith("{\"crc\":\""));
    }

    @Test
    void aTornLastLineIsIgnoredAndTheUnconfirmedIntentStaysPendingAcrossARestart() throws IOException {
        FileSpendLedger before = FileSpendLedger.open(dir, clock);
        String confirmed = before.intent(intent(T0, "nightly", "41", "2.80", "d1"));
        before.confirm(confirmed, "pred-1");
        String uncertain = before.intent(intent(T0.plusSeconds(5), "nightly", "41", "1.40", "d2"));
        // The process dies while writing the confirmation: half a line, no line break.
        Path file = dir.resolve("2026-03.jsonl");
        String whole = "{\"crc\":\"00000000\",\"rec\":{\"type\":\"confirm\",\"id\":\"" + uncertain + "\",\"predic";
        Files.writeString(file, whole, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        FileSpendLedger after = FileSpendLedger.open(dir, clock);
        assertThat(after.charge(confirmed).orElseThrow().state()).isEqualTo(ChargeState.CONFIRMED);
        Charge pending = after.charge(uncertain).orElseThrow();
        assertThat(pending.state()).isEqualTo(ChargeState.PENDING);
        assertThat(after.report().total()).as("a pending charge counts").isEqualByComparingTo("4.20");
        assertThat(after.report().uncertain(SpendPeriod.all())).isEqualByComparingTo("1.40");

        // The next record starts on a line of its own; the torn fragment stays rejected.
        after.confirm(uncertain, "pred-2");
        assertThat(after.charge(uncertain).orElseThrow().state()).isEqualTo(ChargeState.CONFIRMED);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(3)).isEqualTo(whole);
        assertThat(after.damagedLines()).isEqualTo(1);
        assertThat(FileSpendLedger.open(dir, clock)
                        .charge(uncertain)
                        .orElseThrow()
                        .predictionId())
                .isEqualTo("pred-2");
    }

    @Test
    void aLineWithAWrongChecksumIsIgnored() throws IOException {
        FileSpendLedger ledger = FileSpendLedger.open(dir, clock);
        String id = ledger.intent(intent(T0, "nightly", "41", "2.80", "d1"));
        Path file = dir.resolve("2026-03.jsonl");
        String line = Files.readAllLines(file).get(0).replace("2.80", "0.01");
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
        FileSpendLedger reread = FileSpendLedger.open(dir, clock);
        assertThat(reread.charge(id)).isEmpty();
        assertThat(reread.damagedLines()).isEqualTo(1);
    }

    @Test
    void theRealPriceCorrectsTheEstimateAndARefusalVoidsTheCharge() {
        FileSpendLedger ledger = FileSpendLedger.open(dir, clock);
        String a = ledger.intent(intent(T0, "nightly", "41", "2.80", "d1"));
        ledger.confirm(a, "pred-1");
        ledger.correct(a, new BigDecimal("2.52"), "host");
        String b = ledger.intent(intent(T0, "nightly", "41", "1.40", "d2"));
        ledger.refuse(b, "refused by the host with 429 (too many requests)");

        Charge corrected = ledger.charge(a).orElseThrow();
        assertThat(corrected.cost()).isEqualByComparingTo("2.52");
        assertThat(corrected.estimate()).isEqualByComparingTo("2.80");
        assertThat(corrected.costSource()).isEqualTo("host");
        assertThat(ledger.charge(b).orElseThrow().state()).isEqualTo(ChargeState.VOID);
        assertThat(ledger.report().total()).isEqualByComparingTo("2.52");
        assertThat(FileSpendLedger.open(dir, clock).report().total()).isEqualByComparingTo("2.52");
        assertThat(ledger.byPrediction("wavespeed", "pred-1")).contains(corrected);
    }

    @Test
    void aResumedRenderFindsItsChargeByDigestAndSubmitTime() {
        FileSpendLedger ledger = FileSpendLedger.open(dir, clock);
        String id = ledger.intent(intent(T0, "nightly", "41", "2.80", "d1"));
        assertThat(FileSpendLedger.open(dir, clock).bySubmit("wavespeed", "d1", T0))
                .get()
                .extracting(Charge::id)
                .isEqualTo(id);
        assertThat(ledger.bySubmit("wavespeed", "d1", T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void twoLedgersOnOneFolderSeeEachOthersCharges() {
        FileSpendLedger one = FileSpendLedger.open(dir, clock);
        FileSpendLedger other = FileSpendLedger.open(dir, clock);
        String id = one.intent(intent(T0, "nightly", "41", "2.80", "d1"));
        other.confirm(id, "pred-1");
        assertThat(one.charge(id).orElseThrow().state()).isEqualTo(ChargeState.CONFIRMED);
        assertThat(other.report().total()).isEqualByComparingTo("2.80");
    }

    @Test
    void aFinishedMonthIsCompactedWithoutChangingAnyAnswer() throws IOException {
        clock.set(Instant.parse("2026-02-27T10:00:00Z"));
        FileSpendLedger feb = FileSpendLedger.open(dir, clock);
        String a = feb.intent(intent(clock.instant(), "nightly", "1", "2.80", "d1"));
        feb.confirm(a, "p1");
        feb.correct(a, new BigDecimal("2.60"), "host");
        String b = feb.intent(intent(clock.instant(), "nightly", "1", "1.40", "d2"));
        feb.refuse(b, "refused");
        String c = feb.intent(intent(clock.instant(), "weekly", "7", "0.70", "d3"));
        feb.saving(new Saving(
                clock.instant(),
                SpendLabels.of("nightly", "2"),
                "wavespeed",
                "d1",
                new BigDecimal("2.60"),
                "nightly #1",
                "p1"));
        List<Charge> before = feb.charges();
        Path february = dir.resolve("2026-02.jsonl");
        long linesBefore = Files.readAllLines(february).size();

        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        FileSpendLedger march = FileSpendLedger.open(dir, clock);
        march.confirm(c, "p3"); // a February charge confirmed in March
        List<String> compacted = Files.readAllLines(february);
        assertThat(compacted.get(0)).contains("\"type\":\"compacted\"").contains("2026-02");
        assertThat(compacted).hasSize(5).hasSizeLessThan((int) linesBefore);
        assertThat(march.charge(a).orElseThrow()).isEqualTo(before.get(0));
        assertThat(march.charge(b).orElseThrow().state()).isEqualTo(ChargeState.VOID);
        assertThat(march.charge(c).orElseThrow().state()).isEqualTo(ChargeState.CONFIRMED);
        assertThat(march.report().total()).isEqualByComparingTo("3.30");
        assertThat(march.savings()).hasSize(1);
        // Compacting again changes nothing.
        FileSpendLedger.open(dir, clock);
        assertThat(Files.readAllLines(february)).isEqualTo(compacted);
    }

    @Test
    void theReportGroupsByDayJobAndHostAndCountsSavings() {
        FileSpendLedger ledger = FileSpendLedger.open(dir, clock);
        Instant day1 = Instant.parse("2026-03-12T23:30:00Z");
        Instant day2 = Instant.parse("2026-03-13T01:00:00Z");
        ledger.confirm(ledger.intent(intent(day1, "nightly", "40", "2.80", "d1")), "p1");
        ledger.confirm(ledger.intent(intent(day2, "nightly", "41", "1.40", "d2")), "p2");
        ledger.confirm(
                ledger.intent(new SpendIntent(
                        day2,
                        SpendLabels.of("promo", "3"),
                        "atlascloud",
                        "m",
                        5,
                        "720p",
                        "1:1",
                        new BigDecimal("0.70"),
                        "d3",
                        "")),
                "p3");
        ledger.refuse(ledger.intent(intent(day2, "promo", "3", "9.99", "d4")), "refused");
        ledger.saving(new Saving(
                day2, SpendLabels.of("nightly", "41"), "wavespeed", "d1", new BigDecimal("2.80"), "nightly #40", "p1"));

        SpendReport report = ledger.report();
        NavigableMap<LocalDate, BigDecimal> byDay = report.byDay(LocalDate.of(2026, 3, 14), 90, ZoneOffset.UTC);
        assertThat(byDay).hasSize(90);
        assertThat(byDay.firstKey()).isEqualTo(LocalDate.of(2025, 12, 15));
        assertThat(byDay.get(LocalDate.of(2026, 3, 12))).isEqualByComparingTo("2.80");
        assertThat(byDay.get(LocalDate.of(2026, 3, 13))).isEqualByComparingTo("2.10");
        assertThat(byDay.get(LocalDate.of(2026, 3, 14))).isEqualByComparingTo("0");
        SpendPeriod march = SpendPeriod.month(YearMonth.of(2026, 3), ZoneOffset.UTC);
        assertThat(report.byJob(march))
                .containsExactly(
                        java.util.Map.entry("nightly", new BigDecimal("4.20")),
                        java.util.Map.entry("promo", new BigDecimal("0.70")));
        assertThat(report.byHost(march).keySet()).containsExactly("wavespeed", "atlascloud");
        assertThat(report.saved(march)).isEqualByComparingTo("2.80");
        assertThat(report.reuses(march)).isEqualTo(1);
        assertThat(report.savedByJob(march)).containsKey("nightly");
        assertThat(report.total(march)).isEqualByComparingTo("4.90");
    }

    @Test
    void theCsvHasAHeaderARowPerChargeAndSavingAndQuotesWhatItMust() {
        FileSpendLedger ledger = FileSpendLedger.open(dir, clock);
        ledger.confirm(ledger.intent(intent(T0, "folder/night, \"clips\"", "41", "2.80", "d1")), "p1");
        ledger.confirm(ledger.intent(intent(T0, "=HYPERLINK(1)", "42", "1.40", "d2")), "p2");
        ledger.saving(new Saving(
                T0.plus(Duration.ofHours(1)),
                SpendLabels.of("nightly", "43"),
                "wavespeed",
                "d1",
                new BigDecimal("2.80"),
                "nightly #41",
                "p1"));
        String csv = ledger.report().csv();
        String[] rows = csv.split("\r\n");
        assertThat(rows[0]).isEqualTo(SpendReport.CSV_HEADER);
        assertThat(rows).hasSize(4);
        assertThat(rows[1])
                .isEqualTo("charge,2026-03-14T02:00:00Z,\"folder/night, \"\"clips\"\"\",41,wavespeed,p1,10,1080p,16:9,"
                        + "2.80,2.80,confirmed,d1");
        assertThat(rows[2]).startsWith("charge,2026-03-14T02:00:00Z,'=HYPERLINK(1),42,");
        assertThat(rows[3]).isEqualTo("reuse,2026-03-14T03:00:00Z,nightly,43,wavespeed,p1,,,,-2.80,,saved,d1");
    }
}
