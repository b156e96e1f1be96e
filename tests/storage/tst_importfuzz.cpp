// SPDX-License-Identifier: GPL-3.0-or-later
// The import readers fed random and mutated files: no crash, no hang, a reason for every refusal. Seeded, so a failure
// comes back the same way; the seed and the counts are printed.
#include "boardtestcase.h"

#include <storage/exchange/boardimport.h>
#include <storage/exchange/csvimport.h>
#include <storage/exchange/loosedates.h>
#include <storage/exchange/trelloimport.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

using namespace hb::storage;
using namespace hb::tests;
using namespace Qt::StringLiterals;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(importFixture(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(name));
    return file.readAll();
}

/// @p bytes with a few random edits: bytes flipped, CSV and JSON punctuation put in, parts cut or repeated.
QByteArray mutated(QByteArray bytes, QRandomGenerator &random)
{
    static const char s_special[] = ",;\t|\"\r\n{}[]:\\/-.0123456789 \xef\xbb\xbf\xff\xfe\x00";
    const int edits = 1 + random.bounded(8);
    for (int i = 0; i < edits; ++i) {
        const qsizetype at = bytes.isEmpty() ? 0 : random.bounded(bytes.size());
        switch (random.bounded(6)) {
        case 0:
            if (!bytes.isEmpty())
                bytes[at] = char(random.bounded(256));
            break;
        case 1:
            bytes.insert(at, s_special[random.bounded(int(sizeof(s_special)) - 1)]);
            break;
        case 2:
            bytes.remove(at, random.bounded(32));
            break;
        case 3:
            bytes.truncate(at);
            break;
        case 4:
            bytes.insert(at, bytes.mid(random.bounded(qMax<qsizetype>(1, bytes.size())), random.bounded(64)));
            break;
        default:
            if (!bytes.isEmpty())
                bytes[at] = s_special[random.bounded(int(sizeof(s_special)) - 1)];
            break;
        }
    }
    return bytes;
}

QByteArray randomBytes(QRandomGenerator &random, int maxLength)
{
    QByteArray bytes(random.bounded(maxLength + 1), Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(random.bounded(256));
    return bytes;
}

QJsonValue randomValue(QRandomGenerator &random)
{
    switch (random.bounded(7)) {
    case 0:
        return QJsonValue();
    case 1:
        return random.bounded(2) == 1;
    case 2:
        return random.bounded(2e12) - 1e12;
    case 3:
        return QString::fromLatin1(randomBytes(random, 12).toHex());
    case 4:
        return QJsonArray{QString(), 1, QJsonObject{}};
    case 5:
        return QJsonObject{{u"id"_s, u"x"_s}};
    default:
        return u"2024-13-45T99:99:99.000Z"_s;
    }
}

/// The Trello fixture with one value somewhere in it replaced by one of another type or shape.
QJsonValue reshaped(const QJsonValue &value, QRandomGenerator &random, int depth)
{
    if (random.bounded(6) == 0 && depth > 0)
        return randomValue(random);
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (random.bounded(3) == 0)
                it.value() = reshaped(it.value(), random, depth + 1);
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (random.bounded(3) == 0)
                array[i] = reshaped(array.at(i), random, depth + 1);
        }
        return array;
    }
    return value;
}

} // namespace

class TestImportFuzz : public BoardTestCase
{
    Q_OBJECT

    qint64 m_clock = 1'750'000'000'000;
    quint32 m_seed = 0;

private Q_SLOTS:
    void initTestCase()
    {
        m_seed = qEnvironmentVariableIsSet("HELPBOARD_FUZZ_SEED") ? qEnvironmentVariable("HELPBOARD_FUZZ_SEED").toUInt()
                                                                  : 20261207;
        qInfo("seed %u (HELPBOARD_FUZZ_SEED repeats a run)", m_seed);
    }
    void init() { setUpBoard(); }
    void cleanup() { tearDownBoard(); }

    void shouldReadAnyCsvWithoutCrashingOrHanging()
    {
        QRandomGenerator random(m_seed);
        const QList<QByteArray> seeds{fixture(u"servicenow.csv"_s),
                                      fixture(u"glpi-semicolon-cp1252.csv"_s),
                                      fixture(u"osticket-utf16-tab.csv"_s),
                                      fixture(u"mixed-dates-bom.csv"_s),
                                      fixture(u"ragged.csv"_s),
                                      fixture(u"event-log.csv"_s)};
        constexpr int s_runs = 45000;
        int tables = 0, plans = 0, refused = 0;
        QElapsedTimer slowest;
        qint64 longestMs = 0;
        for (int run = 0; run < s_runs; ++run) {
            const QByteArray bytes =
                    run % 5 == 0 ? randomBytes(random, 400) : mutated(seeds.at(run % seeds.size()), random);
            slowest.start();
            const auto table = csv::read(bytes);
            if (!table) {
                ++refused;
                QVERIFY2(!table.error().message.isEmpty(), "a refusal without a reason");
                continue;
            }
            ++tables;
            for (const CsvRow &row : table->rows)
                QCOMPARE(row.fields.size(), table->header.size());
            csvimport::Mapping mapping = csvimport::guess(*table);
            if (run % 7 == 0)
                mapping.groupRows = !mapping.groupRows && mapping.columns.contains(csvimport::Field::Id);
            const auto plan = csvimport::plan(*table, mapping, u"fuzz.csv"_s);
            if (plan) {
                ++plans;
                for (const ImportPlan::Card &card : plan->cards) {
                    QVERIFY(card.column >= 0 && card.column < plan->columns.size());
                    QVERIFY(!card.card.card.title.trimmed().isEmpty());
                }
            } else {
                QVERIFY2(!plan.error().message.isEmpty(), "a refusal without a reason");
            }
            longestMs = std::max(longestMs, slowest.elapsed());
        }
        qInfo("CSV: %d inputs: %d read as tables, %d as cards, %d refused; slowest %lld ms", s_runs, tables, plans,
              refused, longestMs);
        QVERIFY(tables > s_runs / 2); // mutations mostly leave a table to read on
        QVERIFY(refused > 0);
        QVERIFY(longestMs < 2000);
    }

    void shouldReadAnyJsonWithoutCrashingOrHanging()
    {
        QRandomGenerator random(m_seed + 1);
        const QByteArray board = fixture(u"trello-it-support.json"_s);
        const QJsonObject object = QJsonDocument::fromJson(board).object();
        constexpr int s_runs = 40000;
        int plans = 0, refused = 0;
        for (int run = 0; run < s_runs; ++run) {
            QByteArray bytes;
            if (run % 2 == 0) // well-formed JSON whose values are of the wrong type or shape
                bytes = QJsonDocument(reshaped(object, random, 0).toObject()).toJson(QJsonDocument::Compact);
            else if (run % 9 == 1)
                bytes = randomBytes(random, 300);
            else
                bytes = mutated(board, random);
            const auto plan = trelloimport::plan(bytes, u"fuzz.json"_s);
            if (!plan) {
                ++refused;
                QVERIFY2(!plan.error().message.isEmpty(), "a refusal without a reason");
                continue;
            }
            ++plans;
            for (const ImportPlan::Card &card : plan->cards) {
                QVERIFY(card.column >= 0 && card.column < plan->columns.size());
                QVERIFY(card.card.card.title.size() <= BoardStore::s_maxTitleLength);
            }
        }
        qInfo("Trello: %d inputs: %d read as boards, %d refused", s_runs, plans, refused);
        QVERIFY(plans > s_runs / 3);
        QVERIFY(refused > s_runs / 10);
    }

    void shouldReadAnyDateOrMappingWithoutCrashing()
    {
        QRandomGenerator random(m_seed + 2);
        static const char s_alphabet[] = "0123456789/-.:TZ+ APMapm,";
        constexpr int s_dates = 20000;
        int dates = 0;
        for (int run = 0; run < s_dates; ++run) {
            static const QStringList s_shapes{u"3/5/2024 4:15 PM"_s, u"2024-03-05T14:30:00+01:00"_s,
                                              u"05-03-2024 14:30"_s, u"12/31/99"_s, u"2024/02/29"_s};
            QString text = run % 2 ? QString() : s_shapes.at(random.bounded(int(s_shapes.size())));
            const int edits = run % 2 ? random.bounded(24) : random.bounded(3);
            for (int i = 0; i < edits; ++i) {
                const QChar c = QLatin1Char(s_alphabet[random.bounded(int(sizeof(s_alphabet)) - 1)]);
                if (run % 2 || text.isEmpty())
                    text += c;
                else
                    text[random.bounded(int(text.size()))] = c;
            }
            const auto order = run % 4 < 2 ? loosedates::Order::DayFirst : loosedates::Order::MonthFirst;
            if (const auto at = loosedates::parse(text, order)) {
                ++dates;
                const QDate day = QDateTime::fromMSecsSinceEpoch(*at).date();
                QVERIFY2(day.year() >= 1969 && day.year() <= 10000, qPrintable(text));
            }
        }
        const CsvTable table = csv::read(fixture(u"servicenow.csv"_s)).value();
        constexpr int s_mappings = 10000;
        int accepted = 0;
        for (int run = 0; run < s_mappings; ++run) {
            csvimport::Mapping mapping = csvimport::guess(table);
            const QString text = QString::fromUtf8(
                    mutated(run % 2 ? "status:On Hold=doing+blocked" : "assignee=Assigned to", random));
            const Status status =
                    run % 2 ? csvimport::mapValue(mapping, text) : csvimport::mapColumn(mapping, table, text);
            accepted += status ? 1 : 0;
            QVERIFY(status || !status.error().message.isEmpty());
            for (int column : std::as_const(mapping.columns))
                QVERIFY(column >= 0 && column < table.header.size());
        }
        qInfo("dates: %d strings, %d read as dates; mappings: %d, %d accepted", s_dates, dates, s_mappings, accepted);
        QVERIFY(dates > 0);
    }

    void shouldPutAnyPlanItReadsIntoABoardOrSayWhyNot()
    {
        // What the readers make of mutated files goes through the whole import (a dry run: each a transaction).
        QRandomGenerator random(m_seed + 3);
        const QByteArray csvSeed = fixture(u"servicenow.csv"_s);
        const QByteArray trelloSeed = fixture(u"trello-it-support.json"_s);
        constexpr int s_runs = 600;
        int applied = 0, refused = 0;
        boardimport::Options options;
        options.dryRun = true;
        const QString before = fileState();
        for (int run = 0; run < s_runs; ++run) {
            Result<ImportPlan> plan = Error{ErrorKind::Invalid, u"-"_s};
            if (run % 2) {
                plan = trelloimport::plan(mutated(trelloSeed, random));
            } else if (const auto table = csv::read(mutated(csvSeed, random))) {
                plan = csvimport::plan(*table, csvimport::guess(*table), u"fuzz.csv"_s);
            }
            if (!plan)
                continue;
            const auto summary = boardimport::apply(*m_store, *plan, options);
            if (summary)
                ++applied;
            else
                ++refused;
            QVERIFY(summary || !summary.error().message.isEmpty());
        }
        qInfo("imports: %d dry runs of %d mutated files, %d refused with a reason", applied, s_runs, refused);
        QVERIFY(applied > 0);
        QCOMPARE(fileState(), before);
    }
};

QTEST_GUILESS_MAIN(TestImportFuzz)
#include "tst_importfuzz.moc"
