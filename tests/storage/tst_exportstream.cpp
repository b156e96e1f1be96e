// SPDX-License-Identifier: GPL-3.0-or-later
// The streamed export (BoardExport::writeBoard, JsonStreamWriter) writes exactly what QJsonDocument writes whole.
#include "support/testsupport.h"

#include "support/generatedboard.h"

#include <storage/boardstore.h>
#include <storage/exchange/boardexport.h>
#include <storage/exchange/demoboard.h>
#include <storage/exchange/jsonstreamwriter.h>

#include <QBuffer>
#include <QDir>
#include <QThread>

#include <atomic>
#include <thread>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hb::storage;
using namespace hb::tests;
using namespace Qt::StringLiterals;

namespace {

/// A destination that takes its time (a slow disk or pipe): its first write waits until released.
class SlowDevice final : public QIODevice
{
public:
    std::atomic<bool> writing = false;
    std::atomic<bool> released = false;
    QByteArray data;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *bytes, qint64 size) override
    {
        writing = true;
        for (int waited = 0; !released && waited < 30'000; waited += 10)
            QThread::msleep(10);
        data.append(bytes, size);
        return size;
    }
};

} // namespace

class tst_ExportStream : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QByteArray streamed(const QJsonValue &value)
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        JsonStreamWriter writer(&buffer);
        const auto write = [&](const auto &self, const QJsonValue &each, const QString &key, int depth) -> void {
            // Containers piece by piece down to depth 2, then whole values, as the export mixes them.
            if (depth < 2 && each.isObject()) {
                writer.beginObject(key);
                const QJsonObject object = each.toObject();
                for (auto it = object.begin(); it != object.end(); ++it)
                    self(self, it.value(), it.key(), depth + 1);
                writer.end();
            } else if (depth < 2 && each.isArray()) {
                writer.beginArray(key);
                for (const QJsonValue &item : each.toArray())
                    self(self, item, QString(), depth + 1);
                writer.end();
            } else {
                writer.value(each, key);
            }
        };
        write(write, value, QString(), 0);
        return buffer.data();
    }

private Q_SLOTS:
    void shouldWriteWhatQJsonDocumentWrites_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("empty object") << QJsonValue(QJsonObject());
        QTest::newRow("empty array") << QJsonValue(QJsonArray());
        QTest::newRow("empty containers inside") << QJsonValue(
                QJsonObject{{u"a"_s, QJsonArray()}, {u"b"_s, QJsonObject()}, {u"c"_s, QJsonArray{QJsonArray()}}});
        QTest::newRow("scalars") << QJsonValue(
                QJsonArray{true, false, QJsonValue(), 0, -1, 1.5, 1e300, qint64(9007199254740993), u""_s});
        QTest::newRow("escapes and unicode")
                << QJsonValue(QJsonObject{{u"quote\"key\n"_s, u"line\nbreak\t\"\\ \x01 \x1b[31m"_s},
                                          {u"emoji"_s, u"\U0001F600 é 中"_s},
                                          {u"</script>"_s, u"<img src=x>"_s}});
        QTest::newRow("deep") << QJsonValue(QJsonObject{
                {u"cards"_s, QJsonArray{QJsonObject{{u"x"_s, QJsonArray{QJsonObject{{u"y"_s, QJsonArray{1, 2}}}}}},
                                        QJsonObject{}}}});
    }

    void shouldWriteWhatQJsonDocumentWrites()
    {
        QFETCH(QJsonValue, value);
        const QByteArray whole = value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)
                                                  : QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
        QCOMPARE(streamed(value), whole);
    }

    void shouldExportTheDemoAndAGeneratedBoardByteForByte_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("demo board") << u"demo"_s;
        QTest::newRow("generated board") << u"generated"_s;
    }

    void shouldExportTheDemoAndAGeneratedBoardByteForByte()
    {
        // GIVEN a board with every kind of content (the demo: attachments, links, comments, checklists, labels,
        // templates, archived cards; or a generated one of 300 cards)
        QFETCH(QString, kind);
        const QString path = m_dir.filePath(kind + u".helpboard"_s);
        auto store = BoardStore::create(path, u"Board “%1” <b>"_s.arg(kind));
        QVERIFY2(store, qPrintable(describe(store)));
        if (kind == u"demo") {
            QVERIFY(populateDemoBoard(**store));
        } else {
            GeneratedBoardSize size;
            size.cards = 300;
            size.checklistItems = 1500;
            size.comments = 900;
            QVERIFY(populateGeneratedBoard(**store, size, nullptr));
        }
        (*store)->setClock([] { return qint64(1'765'000'000'000); });
        auto exporter = BoardExport::prepare(**store);
        QVERIFY2(exporter, qPrintable(describe(exporter)));

        // WHEN it is exported whole (the old way) and streamed
        auto board = exporter->board();
        QVERIFY2(board, qPrintable(describe(board)));
        const QByteArray whole = QJsonDocument(*board).toJson(QJsonDocument::Indented);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        auto written = exporter->writeBoard(&buffer);
        QVERIFY2(written, qPrintable(describe(written)));

        // THEN the bytes are the same
        QVERIFY(board->value(u"cards"_s).toArray().size() >= 10);
        QCOMPARE(buffer.data().size(), whole.size());
        QVERIFY(buffer.data() == whole);
        // AND the same again when read from a copy of the board (as the CLI exports)
        QBuffer viaCopy;
        viaCopy.open(QIODevice::WriteOnly);
        written = BoardExport::writeBoardViaCopy(**store, m_dir.path(), &viaCopy);
        QVERIFY2(written, qPrintable(describe(written)));
        QVERIFY(viaCopy.data() == whole);
        QCOMPARE(QDir(m_dir.path()).entryList({u"helpboard-export-*"_s}, QDir::Files), QStringList());
    }

    void shouldLetColleaguesSaveWhileAnExportIsWritten_data()
    {
        QTest::addColumn<bool>("viaCopy");
        QTest::addColumn<bool>("saves");
        QTest::newRow("read from a copy: the save goes through") << true << true;
        QTest::newRow("read from the board (for contrast): the save waits") << false << false;
    }

    void shouldLetColleaguesSaveWhileAnExportIsWritten()
    {
        QFETCH(bool, viaCopy);
        QFETCH(bool, saves);
        // GIVEN a board, and its export under way into a slow destination, in a thread (a process) of its own
        const QString path = m_dir.filePath(u"slow%1.helpboard"_s.arg(viaCopy));
        {
            auto created = BoardStore::create(path, u"Slow"_s);
            QVERIFY2(created, qPrintable(describe(created)));
            QVERIFY(populateDemoBoard(**created));
        }
        SlowDevice out;
        QVERIFY(out.open(QIODevice::WriteOnly));
        Status exported = Error{ErrorKind::Io, u"not run"_s};
        std::thread exporter([&] {
            auto store = BoardStore::open(path);
            if (!store) {
                exported = store.error();
                out.writing = true;
                return;
            }
            if (viaCopy) {
                exported = BoardExport::writeBoardViaCopy(**store, m_dir.path(), &out);
            } else if (auto prepared = BoardExport::prepare(**store)) {
                exported = prepared->writeBoard(&out);
            }
        });
        for (int waited = 0; !out.writing && waited < 10'000; waited += 10)
            QThread::msleep(10);
        QVERIFY(out.writing);
        // WHEN a colleague saves meanwhile, willing to wait half a second
        StoreOptions patient;
        patient.busyTimeoutMs = 500;
        auto colleague = BoardStore::open(path, patient);
        QVERIFY2(colleague, qPrintable(describe(colleague)));
        NewCard card;
        card.columnId = (*colleague)->columns()->constFirst().id;
        card.title = u"Saved during the export"_s;
        const auto saved = (*colleague)->createCard(card);
        out.released = true;
        exporter.join();
        // THEN the save goes through when the export reads a copy (and waits on the board itself); the export is
        // whole either way, without the card saved after it began
        QVERIFY2(exported, qPrintable(describe(exported)));
        QCOMPARE(bool(saved), saves);
        if (!saved)
            QCOMPARE(saved.error().kind, ErrorKind::Busy);
        QVERIFY(out.data.endsWith("}\n"));
        QVERIFY(!out.data.contains("Saved during the export"));
    }
};

QTEST_GUILESS_MAIN(tst_ExportStream)
#include "tst_exportstream.moc"
