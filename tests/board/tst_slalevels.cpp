// SPDX-License-Identifier: GPL-3.0-or-later
// The service levels as the board file keeps them: written and read back, defaults for what is missing, refusals,
// a fuzz run of both readers; and the targets and working hours as people type them in the dialog, fuzzed too.
#include <board/sla/clock.h>
#include <board/sla/levels.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace hb;
using namespace hb::board::sla;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 s_minute = 60'000;
/// Inputs per reader in the fuzz run (HELPBOARD_FUZZ_ROUNDS overrides).
const int s_fuzzRounds = qEnvironmentVariableIsSet("HELPBOARD_FUZZ_ROUNDS")
                                 ? qEnvironmentVariableIntValue("HELPBOARD_FUZZ_ROUNDS")
                                 : 100'000;

} // namespace

class tst_SlaLevels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadBackWhatItWrote()
    {
        // GIVEN a policy and a calendar unlike the defaults in every part
        Policy policy = Policy::defaults();
        policy.targets[std::size_t(storage::Priority::Low)] = {600 * s_minute, 6000 * s_minute, true};
        policy.targets[std::size_t(storage::Priority::Critical)].allDay = false;
        policy.pausing = {storage::StatusTag::Blocked, storage::StatusTag::WaitingVendor};
        Calendar calendar;
        calendar.timeZone = "America/Sao_Paulo";
        calendar.week[0] = {Span{8 * 60, 4 * 60}, Span{13 * 60, 5 * 60}};
        calendar.week[4] = {Span{22 * 60, 8 * 60}};
        calendar.holidays = {{QDate(2026, 11, 20), false, u"Consciência Negra"_s},
                             {QDate(2000, 12, 25), true, u"Natal"_s}};
        // WHEN written and read again, THEN each is what it was
        QCOMPARE(policyFromJson(policyToJson(policy)).value(), policy);
        QCOMPARE(calendarFromJson(calendarToJson(calendar)).value(), calendar);
        QCOMPARE(policyFromJson(policyToJson(Policy::defaults())).value(), Policy::defaults());
    }

    void shouldTakeTheDefaultsForWhatIsMissing()
    {
        // A new board's row: "{}" for the policy, and only the time zone for the calendar.
        QCOMPARE(policyFromJson("{}").value(), Policy::defaults());
        QCOMPARE(calendarFromJson(R"({"time_zone":"Europe/Madrid"})").value(), Calendar::officeHours("Europe/Madrid"));
        // Without a time zone, UTC: every desktop reads the same, whatever its own.
        QCOMPARE(calendarFromJson("{}")->timeZone, QByteArray("UTC"));
        // One priority's one target given: the rest as the defaults have them
        Policy expected = Policy::defaults();
        expected.targets[std::size_t(storage::Priority::High)].responseMs = 90 * s_minute;
        QCOMPARE(policyFromJson(R"({"targets":{"high":{"response_min":90}}})").value(), expected);
        // A day given: only that day changes
        Calendar saturday = Calendar::officeHours("Europe/Madrid");
        saturday.week[5] = {Span{10 * 60, 3 * 60}};
        QCOMPARE(calendarFromJson(R"({"time_zone":"Europe/Madrid","week":{"sat":[{"start":"10:00","minutes":180}]}})")
                         .value(),
                 saturday);
    }

    void shouldRefuseWhatItCannotRead_data()
    {
        QTest::addColumn<bool>("isPolicy");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("policy: not JSON") << true << QByteArray("{targets") << u"not readable JSON"_s;
        QTest::newRow("policy: an array") << true << QByteArray("[]") << u"not a JSON object"_s;
        QTest::newRow("policy: targets a string")
                << true << QByteArray(R"({"targets":"fast"})") << u"the targets are not a JSON object"_s;
        QTest::newRow("policy: a priority a number")
                << true << QByteArray(R"({"targets":{"low":5}})") << u"targets of low tickets are not"_s;
        QTest::newRow("policy: minutes as text") << true << QByteArray(R"({"targets":{"low":{"response_min":"5"}}})")
                                                 << u"response_min of low tickets is not a whole number"_s;
        QTest::newRow("policy: a fraction of a minute")
                << true << QByteArray(R"({"targets":{"high":{"resolution_min":1.5}}})")
                << u"resolution_min of high tickets is not a whole number"_s;
        QTest::newRow("policy: a thousand years")
                << true << QByteArray(R"({"targets":{"high":{"resolution_min":525600000}}})") << u"up to ten years"_s;
        QTest::newRow("policy: all_day as text") << true << QByteArray(R"({"targets":{"normal":{"all_day":"yes"}}})")
                                                 << u"all_day of normal tickets is not true or false"_s;
        QTest::newRow("policy: pausing a string")
                << true << QByteArray(R"({"pausing":"blocked"})") << u"not a JSON array"_s;
        QTest::newRow("policy: pausing an unknown status")
                << true << QByteArray(R"({"pausing":["lunch"]})") << u"“lunch” is not a status that can pause"_s;
        QTest::newRow("policy: pausing on no status")
                << true << QByteArray(R"({"pausing":[""]})") << u"is not a status that can pause"_s;
        QTest::newRow("calendar: not JSON") << false << QByteArray("") << u"not readable JSON"_s;
        QTest::newRow("calendar: time zone a number")
                << false << QByteArray(R"({"time_zone":1})") << u"the time zone is not a name"_s;
        QTest::newRow("calendar: week an array")
                << false << QByteArray(R"({"week":[]})") << u"working hours are not a JSON object"_s;
        QTest::newRow("calendar: a day an object")
                << false << QByteArray(R"({"week":{"mon":{}}})") << u"working hours of mon are not a JSON array"_s;
        QTest::newRow("calendar: a span without minutes")
                << false << QByteArray(R"({"week":{"tue":[{"start":"09:00"}]}})") << u"a working span of tue"_s;
        QTest::newRow("calendar: a start at 25:00")
                << false << QByteArray(R"({"week":{"wed":[{"start":"25:00","minutes":60}]}})")
                << u"a working span of wed"_s;
        QTest::newRow("calendar: holidays an object")
                << false << QByteArray(R"({"holidays":{}})") << u"the holidays are not a JSON array"_s;
        QTest::newRow("calendar: a malformed date")
                << false << QByteArray(R"({"holidays":[{"date":"25/12/2026","name":"Christmas"}]})")
                << u"a holiday is not"_s;
        QTest::newRow("calendar: a holiday without a name")
                << false << QByteArray(R"({"holidays":[{"date":"2026-12-25"}]})") << u"a holiday is not"_s;
    }

    void shouldRefuseWhatItCannotRead()
    {
        QFETCH(bool, isPolicy);
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const storage::Error error = isPolicy ? policyFromJson(json).error() : calendarFromJson(json).error();
        QCOMPARE(error.kind, storage::ErrorKind::Invalid);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
    }

    void shouldNeverCrashOnAnyInput()
    {
        // Random bytes, and the written forms of real levels mutated byte by byte: each read gives levels or a
        // message, never a crash or a hang; what is read is then checked, and its working time asked for.
        QRandomGenerator random(20261207);
        Calendar madrid = Calendar::officeHours("Europe/Madrid");
        madrid.holidays = {{QDate(2000, 1, 6), true, u"Reyes"_s}};
        const QList<QByteArray> seeds{policyToJson(Policy::defaults()), calendarToJson(madrid),
                                      R"({"targets":{"low":{"response_min":1,"all_day":true}},"pausing":["blocked"]})",
                                      R"({"week":{"sun":[{"start":"22:00","minutes":480}]},"holidays":[]})",
                                      R"({"policy":{"targets":{}},"calendar":{"time_zone":"UTC"},"version":3})"};
        const QByteArray alphabet = R"({}[]":,0123456789.-+eE truefalsnul\/"abcdefghijklmnopqrstuvwxyz_HM)";
        int read = 0;
        int refused = 0;
        int files = 0;
        QElapsedTimer clock;
        clock.start();
        for (int round = 0; round < s_fuzzRounds; ++round) {
            QByteArray input;
            if (round % 4 == 0) {
                input.resize(random.bounded(64));
                for (char &byte : input)
                    byte = random.bounded(3) == 0 ? char(random.bounded(256))
                                                  : alphabet.at(random.bounded(int(alphabet.size())));
            } else {
                input = seeds.at(random.bounded(int(seeds.size())));
                for (int change = random.bounded(1, 6); change > 0; --change) {
                    const int at = random.bounded(int(input.size()) + 1);
                    switch (random.bounded(3)) {
                    case 0:
                        input.insert(at, alphabet.at(random.bounded(int(alphabet.size()))));
                        break;
                    case 1:
                        input.remove(at, random.bounded(1, 4));
                        break;
                    default:
                        if (at < input.size())
                            input[at] = alphabet.at(random.bounded(int(alphabet.size())));
                    }
                }
            }
            const auto policy = policyFromJson(input);
            const auto calendar = calendarFromJson(input);
            for (const storage::Error *error :
                 {policy ? nullptr : &policy.error(), calendar ? nullptr : &calendar.error()}) {
                if (error) {
                    ++refused;
                    QVERIFY(!error->message.isEmpty());
                }
            }
            if (calendar && calendar->problem().isEmpty() && round % 50 == 0) {
                ++read;
                WorkingTime working(*calendar);
                const qint64 from = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
                QVERIFY(working.between(from, from + 7 * 24 * 60 * s_minute) >= 0);
            }
            if (policy)
                (void)policy->problem(Calendar::officeHours("UTC"));
            // And as a file for `levels --set`: the whole, and each reader's input as one part of it
            for (const QByteArray &file : {input, QByteArray("{\"calendar\":" + input + "}")}) {
                const auto levels = levelsFromJson(file, Policy::defaults(), Calendar::officeHours("UTC"));
                if (levels) {
                    ++files;
                    QVERIFY(levels->policy || levels->calendar);
                    if (levels->calendar)
                        QCOMPARE(levels->calendar->problem(), QString());
                } else {
                    QVERIFY(!levels.error().message.isEmpty());
                }
            }
        }
        qInfo("service-level readers: %d inputs each (and twice as levels files), %d refusals in all, %d calendars "
              "worked with, %d levels files read, %lld ms",
              s_fuzzRounds, refused, read, files, qint64(clock.elapsed()));
        QVERIFY(files > 0);
        QVERIFY(refused > 0);
        QVERIFY(read > 0);
    }

    void shouldReadTargetsAsPeopleTypeThem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms"); ///< -1: refused
        QTest::newRow("minutes") << u"30m"_s << 30 * s_minute;
        QTest::newRow("minutes in words") << u" 45 minutes "_s << 45 * s_minute;
        QTest::newRow("a bare number is minutes") << u"90"_s << 90 * s_minute;
        QTest::newRow("hours") << u"4h"_s << 240 * s_minute;
        QTest::newRow("hours and minutes") << u"1h 30m"_s << 90 * s_minute;
        QTest::newRow("written together") << u"1h30m"_s << 90 * s_minute;
        QTest::newRow("capitals") << u"2 HOURS"_s << 120 * s_minute;
        QTest::newRow("as the dialog shows them") << durationText(80 * 60 * s_minute) << 80 * 60 * s_minute;
        QTest::newRow("no time is read, refused by the policy") << u"0"_s << 0LL;
        QTest::newRow("less than none is read, refused by the policy") << u"-2h"_s << -120 * s_minute;
        QTest::newRow("the most") << u"100000h"_s << 100'000LL * 60 * s_minute;
        QTest::newRow("more than the most") << u"100001h"_s << -1LL;
        QTest::newRow("empty") << QString() << -1LL;
        QTest::newRow("days are not hours of work") << u"3d"_s << -1LL;
        QTest::newRow("a fraction") << u"1.5h"_s << -1LL;
        QTest::newRow("words") << u"soon"_s << -1LL;
        QTest::newRow("digits of another script") << u"\u0663h"_s << -1LL;
    }

    void shouldReadTargetsAsPeopleTypeThem()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const auto read = durationFromText(text);
        if (ms == -1) {
            QVERIFY(!read);
            QCOMPARE(read.error().kind, storage::ErrorKind::Invalid);
            QVERIFY2(read.error().message.contains(u"30m, 4h or 1h 30m"_s)
                             || read.error().message.contains(u"longer than"_s),
                     qPrintable(read.error().message));
        } else {
            QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
            QCOMPARE(*read, ms);
        }
    }

    void shouldReadWorkingHoursAsPeopleTypeThem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<Span>>("spans");
        QTest::addColumn<QString>("refusal");
        QTest::newRow("closed") << u"  "_s << QList<Span>{} << QString();
        QTest::newRow("office hours") << u"09:00-17:00"_s << QList<Span>{{540, 480}} << QString();
        QTest::newRow("a lunch break") << u"9:00-12:30, 13:30 - 17:00"_s << QList<Span>{{540, 210}, {810, 210}}
                                       << QString();
        QTest::newRow("semicolons and an en dash")
                << u"08.00\u201312.00; 14h00-18h00"_s << QList<Span>{{480, 240}, {840, 240}} << QString();
        QTest::newRow("a night shift") << u"22:00-06:00"_s << QList<Span>{{1320, 480}} << QString();
        QTest::newRow("to midnight") << u"18:00-24:00"_s << QList<Span>{{1080, 360}} << QString();
        QTest::newRow("the whole day") << u"00:00-24:00"_s << QList<Span>{{0, 1440}} << QString();
        QTest::newRow("a whole day from 06:00") << u"06:00-06:00"_s << QList<Span>{{360, 1440}} << QString();
        QTest::newRow("an hour past the day") << u"09:00-25:00"_s << QList<Span>{} << u"not a working span"_s;
        QTest::newRow("starting at the day's end") << u"24:00-02:00"_s << QList<Span>{} << u"not a working span"_s;
        QTest::newRow("sixty minutes") << u"09:60-10:00"_s << QList<Span>{} << u"not a working span"_s;
        QTest::newRow("words") << u"9 to 5"_s << QList<Span>{} << u"not a working span"_s;
        QTest::newRow("one good, one not") << u"09:00-12:00, lunch"_s << QList<Span>{} << u"“lunch”"_s;
        QTest::newRow("a trailing comma") << u"09:00-12:00,"_s << QList<Span>{} << u"not a working span"_s;
    }

    void shouldReadWorkingHoursAsPeopleTypeThem()
    {
        QFETCH(QString, text);
        QFETCH(QList<Span>, spans);
        QFETCH(QString, refusal);
        const auto read = spansFromText(text);
        if (!refusal.isEmpty()) {
            QVERIFY(!read);
            QVERIFY2(read.error().message.contains(refusal), qPrintable(read.error().message));
            return;
        }
        QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
        QCOMPARE(*read, spans);
        // AND what the dialog then shows reads back the same
        QCOMPARE(spansFromText(spansText(*read)).value(), spans);
    }

    void shouldNeverCrashOnTypedTargetsOrHours()
    {
        // What the dialog reads from its fields: random text, and good values mutated. Each is read or refused with
        // a message; what is read writes back to text that reads the same.
        QRandomGenerator random(20261208);
        const QStringList seeds{u"1h 30m"_s,      u"30m"_s,     u"09:00-12:00, 13:00-17:00"_s,
                                u"22:00-06:00"_s, u"100000h"_s, u"-4h"_s};
        const QString alphabet = u"0123456789:.,;- hm\u2013minutesHOURSx\t\u0663"_s;
        int durations = 0;
        int spanLists = 0;
        for (int round = 0; round < s_fuzzRounds; ++round) {
            QString input;
            if (round % 3 == 0) {
                for (int length = random.bounded(24); length > 0; --length)
                    input.append(random.bounded(5) == 0 ? QChar(char16_t(random.bounded(1, 0xD7FF)))
                                                        : alphabet.at(random.bounded(int(alphabet.size()))));
            } else {
                input = seeds.at(random.bounded(int(seeds.size())));
                for (int change = random.bounded(1, 4); change > 0; --change) {
                    const int at = random.bounded(int(input.size()) + 1);
                    if (random.bounded(2) == 0)
                        input.insert(at, alphabet.at(random.bounded(int(alphabet.size()))));
                    else
                        input.remove(at, 1);
                }
            }
            if (const auto duration = durationFromText(input)) {
                ++durations;
                QVERIFY(std::abs(*duration) <= 100'000LL * 60 * s_minute);
                if (*duration > 0)
                    QCOMPARE(durationFromText(durationText(*duration)).value(), *duration);
            } else {
                QVERIFY(!duration.error().message.isEmpty());
            }
            if (const auto spans = spansFromText(input)) {
                ++spanLists;
                for (const Span &span : *spans)
                    QVERIFY(span.start >= 0 && span.start < 1440 && span.minutes > 0 && span.minutes <= 1440);
                QCOMPARE(spansFromText(spansText(*spans)).value(), *spans);
            } else {
                QVERIFY(!spans.error().message.isEmpty());
            }
        }
        qInfo("typed targets and hours: %d inputs each, %d read as targets, %d as working hours", s_fuzzRounds,
              durations, spanLists);
        QVERIFY(durations > 0);
        QVERIFY(spanLists > 0);
    }
};

QTEST_GUILESS_MAIN(tst_SlaLevels)
#include "tst_slalevels.moc"
