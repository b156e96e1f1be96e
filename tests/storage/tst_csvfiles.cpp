// SPDX-License-Identifier: GPL-3.0-or-later
// Reading CSV files as help desks and spreadsheets write them, and the dates in them.
#include "support/testsupport.h"

#include <storage/exchange/csvtable.h>
#include <storage/exchange/loosedates.h>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace hb::storage;
using namespace hb::tests;
using namespace Qt::StringLiterals;

namespace {

qint64 utc(int year, int month, int day, int hour = 0, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace

class TestCsvFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadEachKindOfFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QChar>("delimiter");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QStringList>("lastRow");

        QTest::newRow("comma, quotes with commas, quotes and line breaks")
                << u"servicenow.csv"_s << u"UTF-8"_s << QChar(u',')
                << QStringList{u"Number"_s, u"Short description"_s, u"Description"_s,
                               u"State"_s,  u"Priority"_s,          u"Assigned to"_s,
                               u"Caller"_s, u"Contact type"_s,      u"Category"_s,
                               u"Opened"_s, u"Resolved"_s,          u"Due date"_s}
                << 5
                << QStringList{u"INC0010005"_s,
                               u"Waiting on Dell"_s,
                               u"Replacement part ordered"_s,
                               u"On Hold"_s,
                               u"3 - Moderate"_s,
                               u"Ana López"_s,
                               u"Jo Kim"_s,
                               u"Walk-in"_s,
                               u"Hardware"_s,
                               u"2024-03-05 14:00:00"_s,
                               u"N/A"_s,
                               u"?"_s};
        QTest::newRow("semicolon, Windows-1252, a repeated header name")
                << u"glpi-semicolon-cp1252.csv"_s << u"Windows-1252"_s << QChar(u';')
                << QStringList{u"ID"_s,
                               u"Título"_s,
                               u"Estado"_s,
                               u"Prioridad"_s,
                               u"Asignado a"_s,
                               u"Solicitante"_s,
                               u"Fecha de apertura"_s,
                               u"Fecha de cierre"_s,
                               u"Categoría"_s,
                               u"Categoría (2)"_s}
                << 3 << QStringList{u"103"_s,      u"Acceso a la VPN"_s,  u"Nuevo"_s, u"Muy alta"_s, u"-"_s,
                                    u"Ana Díaz"_s, u"07-03-2024 08:05"_s, u"-"_s,     u"Red"_s,      QString()};
        QTest::newRow("tab, UTF-16 with a BOM")
                << u"osticket-utf16-tab.csv"_s << u"UTF-16LE"_s << QChar(u'\t')
                << QStringList{u"Número"_s,      u"Assunto"_s, u"Situação"_s,  u"Prioridade"_s, u"Responsável"_s,
                               u"Solicitante"_s, u"Canal"_s,   u"Criado em"_s, u"Fechado em"_s}
                << 2 << QStringList{u"2002"_s, u"Trocar teclado"_s, u"Aberto"_s,   u"Baixa"_s,
                                    QString(), u"Bruna Alves"_s,    u"Telefone"_s, u"3/15/2024 10:00 AM"_s,
                                    QString()};
        QTest::newRow("UTF-16 without a BOM")
                << u"utf16-no-bom.csv"_s << u"UTF-16LE"_s << QChar(u',') << QStringList{u"Title"_s, u"Status"_s} << 2
                << QStringList{u"Mic muted"_s, u"Closed"_s};
        QTest::newRow("UTF-8 with a BOM") << u"mixed-dates-bom.csv"_s << u"UTF-8"_s << QChar(u',')
                                          << QStringList{u"Ticket"_s, u"Subject"_s, u"Created"_s, u"Priority"_s} << 5
                                          << QStringList{u"A-5"_s, u"Badge reader"_s, u"3/9/24 4:15 PM"_s, QString()};
        QTest::newRow("ragged rows, stray empty columns, blank lines")
                << u"ragged.csv"_s << u"UTF-8"_s << QChar(u',') << QStringList{u"Title"_s, u"Priority"_s, u"Assignee"_s}
                << 5 << QStringList{u"No title next"_s, QString(), QString()};
    }

    void shouldReadEachKindOfFile()
    {
        QFETCH(QString, file);
        QFETCH(QString, encoding);
        QFETCH(QChar, delimiter);
        QFETCH(QStringList, header);
        QFETCH(int, rows);
        QFETCH(QStringList, lastRow);

        const auto table = csv::readFile(importFixture(file));
        QVERIFY2(table, table ? "" : qPrintable(table.error().message));
        QCOMPARE(table->encoding, encoding);
        QCOMPARE(table->delimiter, delimiter);
        QCOMPARE(table->header, header);
        QCOMPARE(table->rows.size(), rows);
        QCOMPARE(table->rows.constLast().fields, lastRow);
        for (const CsvRow &row : table->rows)
            QCOMPARE(row.fields.size(), header.size());
    }

    void shouldKeepLineBreaksQuotesAndLineNumbers()
    {
        const auto table = csv::readFile(importFixture(u"servicenow.csv"_s));
        QVERIFY(table);
        QCOMPARE(table->rows.at(0).fields.at(2),
                 u"Since the update, Outlook asks again\r\nand again.\r\nUser says \"it never stops\"."_s);
        QCOMPARE(table->rows.at(1).fields.at(1), u"Printer, 3rd floor"_s);
        // the first record spans lines 2 to 4: the next starts on line 5
        QCOMPARE(table->rows.at(0).line, 2);
        QCOMPARE(table->rows.at(1).line, 5);
        QCOMPARE(table->rows.at(3).fields.at(8), u"Server, Database"_s);
    }

    void shouldSayWhichRowsHadTooManyOrTooFewFields()
    {
        const auto table = csv::readFile(importFixture(u"ragged.csv"_s));
        QVERIFY(table);
        QCOMPARE(table->notes.size(), 2);
        QCOMPARE(table->notes.at(0).line, 3);
        QVERIFY2(table->notes.at(0).what.contains(u"2 fields where the header names 3"),
                 qPrintable(table->notes.at(0).what));
        QCOMPARE(table->notes.at(1).line, 5);
        QVERIFY2(table->notes.at(1).what.contains(u"the last 4 left out"), qPrintable(table->notes.at(1).what));
        // a row whose extra fields are all empty (trailing commas) is not worth a word
        QCOMPARE(table->rows.at(3).fields, (QStringList{u"Trailing commas only"_s, u"Normal"_s, u"ana"_s}));
    }

    void shouldRefuseWhatIsNoCsvWithAReason_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << u"the file is empty"_s;
        QTest::newRow("only blank lines") << QByteArray("\r\n\n  \n") << u"the file is empty"_s;
        QTest::newRow("binary") << QByteArray("PK\x03\x04\x00\x00\x08\x00binary", 18) << u"binary data"_s;
        QTest::newRow("an unclosed quote") << QByteArray("Title,Notes\nA,\"never closed\n\nstill\n")
                                           << u"line 2: a field in quotes starts there and is never closed"_s;
    }

    void shouldRefuseWhatIsNoCsvWithAReason()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const auto table = csv::read(bytes);
        QVERIFY(!table);
        QCOMPARE(table.error().kind, ErrorKind::Invalid);
        QVERIFY2(table.error().message.contains(reason), qPrintable(table.error().message));
    }

    void shouldRefuseAFileTooBigBeforeReadingIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"huge.csv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(csv::s_maxFileBytes + 1)); // sparse: nothing is written
        file.close();
        const auto table = csv::readFile(path);
        QVERIFY(!table);
        QVERIFY2(table.error().message.contains(u"HelpBoard imports CSV files up to 64 MB"),
                 qPrintable(table.error().message));
    }

    void shouldRefuseMoreCellsThanItImportsAtOnce()
    {
        // A wide header over many short rows: each row would be padded to the header's width
        QByteArray bytes;
        for (int i = 0; i < 999; ++i)
            bytes += "c" + QByteArray::number(i) + ',';
        bytes += "last\n";
        bytes += QByteArray("x\n").repeated(5000);
        const auto table = csv::read(bytes);
        QVERIFY(!table);
        QVERIFY2(table.error().message.contains(u"rows of 1000 columns"), qPrintable(table.error().message));
        // AND a file of many ragged rows says the first ones by line and counts the rest
        QByteArray ragged = "a,b,c\n";
        ragged += QByteArray("x\n").repeated(500);
        const auto read = csv::read(ragged);
        QVERIFY(read);
        QCOMPARE(read->notes.size(), csv::s_maxRowNotes + 1);
        QCOMPARE(read->notes.constLast().text(), u"more rows with too many or too few fields: 300"_s);
    }

    void shouldTakeTheDelimiterAndEncodingItIsTold()
    {
        csv::ReadOptions options;
        options.delimiter = u'|';
        options.encoding = u"windows-1252"_s;
        const auto table = csv::read(QByteArray("T\xedtulo|Estado\nCaf\xe9|Abierto\n"), options);
        QVERIFY(table);
        QCOMPARE(table->header, (QStringList{u"Título"_s, u"Estado"_s}));
        QCOMPARE(table->rows.at(0).fields, (QStringList{u"Café"_s, u"Abierto"_s}));
        options.encoding = u"ebcdic"_s;
        QVERIFY(!csv::read(QByteArray("a,b\n"), options));
        // told UTF-8 of a file that is not: said, not garbled
        options.encoding = u"utf-8"_s;
        const auto notUtf8 = csv::read(QByteArray("T\xedtulo|Estado\n"), options);
        QVERIFY(!notUtf8);
        QVERIFY2(notUtf8.error().message.contains(u"not UTF-8 text"), qPrintable(notUtf8.error().message));
    }

    void shouldTellNoValueFromAValue_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("none");
        for (const QString &none :
             {u""_s, u"  "_s, u"?"_s, u"-"_s, u"N/A"_s, u"n/a"_s, u"NA"_s, u"null"_s, u"(none)"_s})
            QTest::newRow(qPrintable(u"none: '"_s + none + u"'"_s)) << none << true;
        for (const QString &value : {u"0"_s, u"No"_s, u"Nadia"_s, u"-1"_s, u"a?"_s})
            QTest::newRow(qPrintable(u"value: "_s + value)) << value << false;
    }

    void shouldTellNoValueFromAValue()
    {
        QFETCH(QString, text);
        QFETCH(bool, none);
        QCOMPARE(csv::isNoValue(text), none);
    }

    void shouldJoinARecordSoThatItReadsBack()
    {
        const QStringList record{u"plain"_s, u"with, comma"_s, u"with \"quote\""_s, u"two\nlines"_s, QString()};
        const auto table = csv::read((u"a,b,c,d,e\n"_s + csv::joinRecord(record) + u"\n"_s).toUtf8());
        QVERIFY(table);
        QCOMPARE(table->rows.constFirst().fields, record);
    }

    void shouldReadDatesAsHelpDesksWriteThem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("dayFirst");
        QTest::addColumn<qint64>("expected"); // in UTC (the zone the test reads them in)

        QTest::newRow("ISO date") << u"2024-03-05"_s << false << utc(2024, 3, 5);
        QTest::newRow("ISO with T and Z") << u"2024-03-05T14:30:00Z"_s << false << utc(2024, 3, 5, 14, 30);
        QTest::newRow("ISO with an offset") << u"2024-03-05T14:30:00+01:00"_s << false << utc(2024, 3, 5, 13, 30);
        QTest::newRow("ISO with a space and ms")
                << u"2024-03-05 14:30:15.250"_s << false << utc(2024, 3, 5, 14, 30) + 15250;
        QTest::newRow("M/D/YYYY") << u"3/5/2024"_s << false << utc(2024, 3, 5);
        QTest::newRow("MM/DD/YYYY") << u"03/05/2024"_s << false << utc(2024, 3, 5);
        QTest::newRow("D/M/YYYY") << u"5/3/2024"_s << true << utc(2024, 3, 5);
        QTest::newRow("M/D/YY h:mm PM") << u"3/9/24 4:15 PM"_s << false << utc(2024, 3, 9, 16, 15);
        QTest::newRow("12 AM is midnight") << u"3/9/2024 12:05 am"_s << false << utc(2024, 3, 9, 0, 5);
        QTest::newRow("DD-MM-YYYY HH:MM") << u"08-03-2024 14:30"_s << false << utc(2024, 3, 8, 14, 30);
        QTest::newRow("DD.MM.YYYY") << u"08.03.2024"_s << false << utc(2024, 3, 8);
        QTest::newRow("YYYY/MM/DD") << u"2024/03/08"_s << false << utc(2024, 3, 8);
        QTest::newRow("MM-DD-YYYY when only so") << u"03-14-2024"_s << false << utc(2024, 3, 14);
        QTest::newRow("a two-digit year long past") << u"12/31/99"_s << false << utc(1999, 12, 31);
    }

    void shouldReadDatesAsHelpDesksWriteThem()
    {
        QFETCH(QString, text);
        QFETCH(bool, dayFirst);
        QFETCH(qint64, expected);
        const auto at = loosedates::parse(text, dayFirst ? loosedates::Order::DayFirst : loosedates::Order::MonthFirst,
                                          {}, QTimeZone::utc());
        QVERIFY2(at, qPrintable(text));
        QCOMPARE(*at, expected);
    }

    void shouldNotTakeWhatIsNoDate_data()
    {
        QTest::addColumn<QString>("text");
        for (const QString &text :
             {u""_s, u"N/A"_s, u"yesterday"_s, u"13/13/2024"_s, u"2024-02-30"_s, u"2024-03-05T25:00"_s, u"31-04-2024"_s,
              u"3/5/2024 13:00 PM"_s, u"1234"_s, u"2024-03-05T10:00+15:00"_s, u"0/0/0"_s})
            QTest::newRow(qPrintable(text)) << text;
    }

    void shouldNotTakeWhatIsNoDate()
    {
        QFETCH(QString, text);
        QVERIFY(!loosedates::parse(text, loosedates::Order::MonthFirst, {}, QTimeZone::utc()));
    }

    void shouldTellAColumnsSlashOrderFromItsValues()
    {
        QCOMPARE(loosedates::slashOrder({u"3/5/2024"_s, u"4/6/2024"_s}), loosedates::Order::MonthFirst);
        QCOMPARE(loosedates::slashOrder({u"3/5/2024"_s, u"25/6/2024"_s}), loosedates::Order::DayFirst);
        QCOMPARE(loosedates::slashOrder({u"2024-01-30"_s, u"12/31/2024"_s}), loosedates::Order::MonthFirst);
    }

    void shouldReadADateInTheFormatItIsTold()
    {
        const auto at = loosedates::parse(u"05.03.2024 14:30"_s, loosedates::Order::MonthFirst, u"dd.MM.yyyy HH:mm"_s,
                                          QTimeZone::utc());
        QVERIFY(at);
        QCOMPARE(*at, utc(2024, 3, 5, 14, 30));
        QVERIFY(!loosedates::parse(u"2024-03-05"_s, loosedates::Order::MonthFirst, u"dd.MM.yyyy"_s, QTimeZone::utc()));
    }

    void shouldReadALocalTimeInTheZoneItIsGiven()
    {
        const QTimeZone madrid("Europe/Madrid");
        if (!madrid.isValid())
            QSKIP("this machine has no time zone data");
        QCOMPARE(*loosedates::parse(u"2024-07-01 10:00"_s, loosedates::Order::MonthFirst, {}, madrid),
                 utc(2024, 7, 1, 8, 0));
    }
};

QTEST_GUILESS_MAIN(TestCsvFiles)
#include "tst_csvfiles.moc"
