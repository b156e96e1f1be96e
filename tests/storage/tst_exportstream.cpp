// SPDX-License-Identifier: GPL-3.0-or-later
// The streamed export (BoardExport::writeBoard, JsonStreamWriter) writes exactly what QJsonDocument writes whole.
#include "support/testsupport.h"

#include <storage/boardexport.h>
#include <storage/boardstore.h>
#include <storage/demoboard.h>
#include <storage/generatedboard.h>
#include <storage/jsonstreamwriter.h>

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hb::storage;
using namespace hb::tests;
using namespace Qt::StringLiterals;

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
    }
};

QTEST_GUILESS_MAIN(tst_ExportStream)
#include "tst_exportstream.moc"
