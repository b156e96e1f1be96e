// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli reading what comes from outside: due dates, argument bytes, standard input, file names and folders,
// and printing board text to a terminal. Real CLI processes on a demo board, plus seeded fuzz loops of the readers.
#include "clitestcase.h"

#include <app/cli_p.h>
#include <app/cliarguments.h>
#include <app/cliinput.h>
#include <app/terminaltext.h>

#include <QScopeGuard>
#include <QStringDecoder>

#include <sys/stat.h>
#include <unistd.h>

using namespace hb::tests;
using namespace hb::tests::cli;
using namespace hb::app;

namespace {

constexpr int s_fuzzRounds = 100'000;
constexpr qint64 s_card = 1; ///< a demo card

/// Octal escapes for printf(1), so a shell script of plain ASCII can hand any bytes (but NUL) to a program.
QString printfEscapes(const QByteArray &bytes)
{
    QString escaped;
    for (const char byte : bytes)
        escaped += u"\\%1"_s.arg(uint(uchar(byte)), 3, 8, QLatin1Char('0'));
    return escaped;
}

/// Random bytes, or a valid UTF-8 text mutated at a few places: both kinds reach a reader in the wild.
/// @p text with up to two characters of @p alphabet put in at random places: a near miss of a format.
QString withInsertions(QRandomGenerator &random, QString text, const QString &alphabet)
{
    const int insertions = random.bounded(3);
    for (int i = 0; i < insertions; ++i)
        text.insert(random.bounded(int(text.size()) + 1), alphabet.at(random.bounded(int(alphabet.size()))));
    return text;
}

QByteArray randomBytes(QRandomGenerator &random, int maxLength)
{
    static const QByteArray seeds[] = {"2026-12-01T17:00:00.123+01:30",
                                       "Drucker \xc3\xbc"
                                       "ber \xf0\x9f\x98\x80\xe2\x80\xae",
                                       "\xef\xbb\xbf"
                                       "bom",
                                       "\xed\xa0\x80\xed\xb0\x80",
                                       "\xf4\x90\x80\x80\xc0\xaf\xe0\x80\xaf",
                                       "--title=x"};
    QByteArray bytes;
    if (random.bounded(2) == 0) {
        bytes = seeds[random.bounded(int(std::size(seeds)))];
        const int mutations = random.bounded(4);
        for (int i = 0; i < mutations && !bytes.isEmpty(); ++i)
            bytes[random.bounded(int(bytes.size()))] = char(random.bounded(256));
        if (random.bounded(3) == 0)
            bytes.truncate(random.bounded(int(bytes.size()) + 1));
    } else {
        bytes.resize(random.bounded(maxLength + 1));
        for (char &byte : bytes)
            byte = char(random.bounded(256));
    }
    return bytes;
}

} // namespace

class tst_CliInput : public CliTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpSuite(); }
    void init() { setUpTest(); }
    void cleanup() { tearDownTest(); }

    // due dates
    void shouldParseDueStrictly_data();
    void shouldParseDueStrictly();

    // text from arguments and standard input
    void shouldRefuseArgumentsThatAreNotUtf8_data();
    void shouldRefuseArgumentsThatAreNotUtf8();
    void shouldReadStandardInputAsUtf8Only_data();
    void shouldReadStandardInputAsUtf8Only();
    void shouldCountCharactersAsPeopleDo_data();
    void shouldCountCharactersAsPeopleDo();

    // terminal output
    void shouldEscapeControlCharactersOnTerminalButNotInJson_data();
    void shouldEscapeControlCharactersOnTerminalButNotInJson();
    void shouldRefuseEmptySearch_data();
    void shouldRefuseEmptySearch();

    // files
    void shouldSayWhatAnAttachedPathIs_data();
    void shouldSayWhatAnAttachedPathIs();
    void shouldAttachAndSaveFilesWhoseNamesAreNotUtf8();
    void shouldSaveAttachmentOnlyToANewFile_data();
    void shouldSaveAttachmentOnlyToANewFile();
    void shouldLeaveNothingBehindWhenBackupFails();
    void shouldReportFullDiskAsFileSystemError();

    // fuzzing the readers
    void shouldParseOrRefuseAnyDue();
    void shouldParseOrRefuseAnyDay();
    void shouldParseOrRefuseAnyPriorityOrChannel();
    void shouldDecodeAnyArgumentBytes();
    void shouldDecodeOrRefuseAnyStandardInput();
    void shouldReadAnyArgumentList();
    void shouldEscapeAnyText();
    void shouldAnswerAnyArgumentBytesInOneLine();

private:
    /// Runs helpboard-cli on the test's board as the admin with @p before, then @p raw as one argument of exactly
    /// those bytes, then @p after (through sh and printf, since QProcess passes text only).
    CliRun runWithBytes(const QStringList &before, const QByteArray &raw, const QStringList &after = {},
                        const QByteArray &input = {}) const;
    QStringList filesInTestFolder() const
    {
        QStringList files = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden | QDir::System);
        files.sort();
        return files;
    }
};

CliRun tst_CliInput::runWithBytes(const QStringList &before, const QByteArray &raw, const QStringList &after,
                                  const QByteArray &input) const
{
    const QStringList args = QStringList{u"--board"_s, m_board, u"--as"_s, s_admin} + before;
    QString script = u"raw=$(printf '%1x'); raw=${raw%x}; exec \"$0\""_s.arg(printfEscapes(raw));
    for (qsizetype i = 1; i <= args.size(); ++i)
        script += u" \"${%1}\""_s.arg(i);
    script += u" \"$raw\""_s;
    for (qsizetype i = 1; i <= after.size(); ++i)
        script += u" \"${%1}\""_s.arg(args.size() + i);
    return execute(u"/bin/sh"_s, QStringList{u"-c"_s, script, m_cli} + args + after, input);
}

// --- due dates ----------------------------------------------------------------------------------------------

void tst_CliInput::shouldParseDueStrictly_data()
{
    QTest::addColumn<QString>("due");
    QTest::addColumn<QDateTime>("expected"); ///< invalid: refused with exit 2
    const QDate day(2026, 12, 1);
    QTest::newRow("space for T means that time, not the end of the day")
            << u"2026-12-01 17:00"_s << QDateTime(day, QTime(17, 0));
    QTest::newRow("T and seconds") << u"2026-12-01T17:00:30"_s << QDateTime(day, QTime(17, 0, 30));
    QTest::newRow("a date alone is the end of that day (README)") << u"2026-12-01"_s << QDateTime(day, QTime(23, 59));
    QTest::newRow("Z") << u"2026-12-01T17:00Z"_s << QDateTime(day, QTime(17, 0), Qt::UTC);
    QTest::newRow("offset with colon") << u"2026-12-01 17:00+02:00"_s
                                       << QDateTime(day, QTime(17, 0), Qt::OffsetFromUTC, 7200);
    QTest::newRow("offset without colon, milliseconds")
            << u"2026-12-01T17:00:00.250-0330"_s
            << QDateTime(day, QTime(17, 0, 0, 250), Qt::OffsetFromUTC, -(3 * 3600 + 1800));
    QTest::newRow("first instant after the epoch")
            << u"1970-01-01T00:00:00.001Z"_s << QDateTime::fromMSecsSinceEpoch(1, Qt::UTC);
    const QDateTime refused;
    QTest::newRow("the epoch is 'no due date' in storage") << u"1970-01-01T00:00Z"_s << refused;
    QTest::newRow("the epoch with seconds") << u"1970-01-01T00:00:00.000Z"_s << refused;
    QTest::newRow("before the epoch") << u"1969-12-31T23:59Z"_s << refused;
    QTest::newRow("after the epoch by offset, before it in UTC") << u"1970-01-01T00:30+01:00"_s << refused;
    QTest::newRow("trailing text") << u"2026-12-01 17:00 tomorrow"_s << refused;
    QTest::newRow("trailing space") << u"2026-12-01 "_s << refused;
    QTest::newRow("leading space") << u" 2026-12-01"_s << refused;
    QTest::newRow("trailing newline") << u"2026-12-01\n"_s << refused;
    QTest::newRow("hour alone") << u"2026-12-01T17"_s << refused;
    QTest::newRow("no such month") << u"2026-13-01"_s << refused;
    QTest::newRow("no such day") << u"2026-02-29"_s << refused;
    QTest::newRow("24:00") << u"2026-12-01T24:00"_s << refused;
    QTest::newRow("leap second") << u"2026-12-31T23:59:60Z"_s << refused;
    QTest::newRow("offset beyond any zone") << u"2026-12-01T17:00+14:30"_s << refused;
    QTest::newRow("offset minutes beyond 59") << u"2026-12-01T17:00+01:75"_s << refused;
    QTest::newRow("full-width digits") << u"\uff12\uff10\uff12\uff16-12-01"_s << refused;
    QTest::newRow("words") << u"tomorrow"_s << refused;
    QTest::newRow("empty") << QString() << refused;
    QTest::newRow("day first") << u"01.12.2026"_s << refused;
    QTest::newRow("year 0") << u"0000-01-01"_s << refused;
}

void tst_CliInput::shouldParseDueStrictly()
{
    QFETCH(QString, due);
    QFETCH(QDateTime, expected);
    QVERIFY(useDemoBoard());
    const int cards = cardCount();

    // WHEN a card is added, and another edited, with the due date
    const CliRun added = runAs(s_admin, {u"add"_s, u"--title"_s, u"Renew the certificate"_s, u"--due"_s, due});
    const CliRun edited = runAs(s_admin, {u"edit"_s, QString::number(s_card), u"--due"_s, due});

    if (!expected.isValid()) {
        // THEN a date that is not read whole is refused, saying how to write one, and nothing is written
        QVERIFY_FAILS_WITH(added, Invalid);
        QVERIFY_FAILS_WITH(edited, Invalid);
        QVERIFY2(added.err.contains("--due") && added.err.contains("2026-12-01T17:00"), qPrintable(describe(added)));
        QCOMPARE(cardCount(), cards);
        QCOMPARE(show(s_card).value(u"version"_s).toInteger(), 1);
        return;
    }
    // THEN both carry exactly that time
    QVERIFY_SUCCEEDS(added);
    QVERIFY_SUCCEEDS(edited);
    QCOMPARE(show(added.outLine().toLongLong()).value(u"due"_s).toString(), jsonTime(expected));
    QCOMPARE(show(s_card).value(u"due"_s).toString(), jsonTime(expected));
}

// --- text from arguments and standard input -----------------------------------------------------------------

void tst_CliInput::shouldRefuseArgumentsThatAreNotUtf8_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QStringList>("after");
    QTest::addColumn<QString>("named"); ///< what the message names
    const QString card = QString::number(s_card);
    QTest::newRow("title, Latin-1") << QStringList{u"add"_s, u"--title"_s} << QByteArray("Drucker kaputt \xfc")
                                    << QStringList{} << u"the value of --title"_s;
    QTest::newRow("title with =, overlong slash") << QStringList{u"add"_s}
                                                  << QByteArray("--title=a\xc0\xaf"
                                                                "b")
                                                  << QStringList{} << u"the value of --title"_s;
    QTest::newRow("description, surrogate") << QStringList{u"edit"_s, card, u"--description"_s}
                                            << QByteArray("\xed\xa0\x80") << QStringList{} << u"--description"_s;
    QTest::newRow("comment, truncated sequence") << QStringList{u"comment"_s, card, u"--text"_s}
                                                 << QByteArray("ok \xe2\x82") << QStringList{} << u"--text"_s;
    QTest::newRow("checklist item past U+10FFFF") << QStringList{u"checklist"_s, card, u"--add"_s}
                                                  << QByteArray("\xf4\x90\x80\x80") << QStringList{} << u"--add"_s;
    QTest::newRow("login") << QStringList{u"members"_s, u"--add"_s} << QByteArray("j\xf6rg")
                           << QStringList{u"--role"_s, u"editor"_s} << u"--add"_s;
    QTest::newRow("link path is text") << QStringList{u"attach"_s, card, u"--link"_s}
                                       << QByteArray("/srv/share/\xff.pdf") << QStringList{} << u"--link"_s;
    QTest::newRow("positional after --") << QStringList{u"show"_s, u"--"_s} << QByteArray("\xff") << QStringList{}
                                         << u"argument 2 of show"_s;
}

void tst_CliInput::shouldRefuseArgumentsThatAreNotUtf8()
{
    QFETCH(QStringList, before);
    QFETCH(QByteArray, raw);
    QFETCH(QStringList, after);
    QFETCH(QString, named);
    QVERIFY(useDemoBoard());
    const QJsonObject board = exportBoard();

    const CliRun refused = runWithBytes(before, raw, after);

    // THEN the argument is refused by name, with its bytes shown, and nothing is stored with U+FFFD in its place
    QVERIFY_FAILS_WITH(refused, Invalid);
    const QString message = QString::fromUtf8(refused.err);
    QVERIFY2(message.contains(named) && message.contains(u"not UTF-8"_s) && message.contains(u"\\x"_s),
             qPrintable(describe(refused)));
    QVERIFY2(!message.contains(QChar(0xfffd)), qPrintable(describe(refused)));
    QJsonObject now = exportBoard();
    now.remove(u"exported"_s);
    QJsonObject then = board;
    then.remove(u"exported"_s);
    QVERIFY(now == then);
}

void tst_CliInput::shouldReadStandardInputAsUtf8Only_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("stored"); ///< null: refused
    QTest::addColumn<QString>("message");
    QTest::newRow("UTF-8") << QByteArray("Toner \xf0\x9f\x96\xa8 ordered\n") << u"Toner \U0001f5a8 ordered"_s
                           << QString();
    QTest::newRow("UTF-8 with a byte order mark")
            << QByteArray("\xef\xbb\xbfNeu gestartet") << u"Neu gestartet"_s << QString();
    QTest::newRow("UTF-16 little endian")
            << QByteArray("\xff\xfeh\0i\0", 6) << QString() << u"standard input is not UTF-8"_s;
    QTest::newRow("UTF-16 big endian") << QByteArray("\xfe\xff\0h\0i", 6) << QString()
                                       << u"standard input is not UTF-8"_s;
    QTest::newRow("Latin-1") << QByteArray("Gr\xfc\xdf"
                                           "e")
                             << QString() << u"standard input is not UTF-8"_s;
    QTest::newRow("NUL inside") << QByteArray("before\0after", 12) << QString() << u"NUL"_s;
}

void tst_CliInput::shouldReadStandardInputAsUtf8Only()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, stored);
    QFETCH(QString, message);
    QVERIFY(useDemoBoard());
    const qsizetype comments = show(s_card).value(u"comments"_s).toArray().size();

    const CliRun commented = runAs(s_admin, {u"comment"_s, QString::number(s_card), u"--text"_s, u"-"_s}, input);

    const QJsonArray after = show(s_card).value(u"comments"_s).toArray();
    if (stored.isNull()) {
        QVERIFY_FAILS_WITH(commented, Invalid);
        QVERIFY2(commented.err.contains(message.toUtf8()), qPrintable(describe(commented)));
        QCOMPARE(after.size(), comments);
        return;
    }
    QVERIFY_SUCCEEDS(commented);
    QCOMPARE(after.size(), comments + 1);
    QCOMPARE(after.last()[u"text"_s].toString(), stored);
}

void tst_CliInput::shouldCountCharactersAsPeopleDo_data()
{
    QTest::addColumn<QString>("unit");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("accepted");
    // Titles have at most 500 characters (BoardStore::s_maxTitleLength).
    QTest::newRow("500 emoji (1000 UTF-16 units)") << u"\U0001f600"_s << 500 << true;
    QTest::newRow("501 emoji") << u"\U0001f600"_s << 501 << false;
    QTest::newRow("500 flags (4 units each)") << u"\U0001f1e9\U0001f1ea"_s << 500 << true;
    QTest::newRow("500 letters with a combining accent") << u"e\u0301"_s << 500 << true;
    QTest::newRow("500 families (11 units each)")
            << u"\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"_s << 500 << true;
    QTest::newRow("501 ASCII letters") << u"a"_s << 501 << false;
    QTest::newRow("500 letters under 20 accents each (past 16 code units per character)")
            << u"a"_s + QString(20, QChar(0x301)) << 500 << false;
}

void tst_CliInput::shouldCountCharactersAsPeopleDo()
{
    QFETCH(QString, unit);
    QFETCH(int, count);
    QFETCH(bool, accepted);
    QVERIFY(useDemoBoard());
    const QString title = unit.repeated(count);

    const CliRun added = runAs(s_admin, {u"add"_s, u"--title"_s, title});

    if (!accepted) {
        QVERIFY_FAILS_WITH(added, Invalid);
        QVERIFY2(added.err.contains("is too long"), qPrintable(describe(added)));
        return;
    }
    QVERIFY_SUCCEEDS(added);
    QCOMPARE(show(added.outLine().toLongLong()).value(u"title"_s).toString(), title);
}

// --- terminal output ----------------------------------------------------------------------------------------

void tst_CliInput::shouldEscapeControlCharactersOnTerminalButNotInJson_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("shown");
    QTest::newRow("ESC sequence retitling the terminal")
            << u"evil\x1b]0;pwned\x07 title"_s << u"evil\\x1b]0;pwned\\x07 title"_s;
    QTest::newRow("clear screen") << u"a\x1b[2Jb"_s << u"a\\x1b[2Jb"_s;
    QTest::newRow("right-to-left override hiding an extension")
            << u"invoice \u202efdp.exe"_s << u"invoice \\u202efdp.exe"_s;
    QTest::newRow("bidi marks and isolates")
            << u"a\u200eb\u200fc\u2066d\u2069"_s << u"a\\u200eb\\u200fc\\u2066d\\u2069"_s;
    QTest::newRow("DEL and C1 CSI") << u"x\x7fy\u009bz"_s << u"x\\x7fy\\u009bz"_s;
    QTest::newRow("carriage return hiding the start") << u"safe\rdanger"_s << u"safe\\x0ddanger"_s;
    QTest::newRow("plain text unchanged, backslashes too")
            << u"C:\\Users\\ben: Drucker \U0001f5a8"_s << u"C:\\Users\\ben: Drucker \U0001f5a8"_s;
}

void tst_CliInput::shouldEscapeControlCharactersOnTerminalButNotInJson()
{
    QFETCH(QString, title);
    QFETCH(QString, shown);
    QVERIFY(useDemoBoard());
    const CliRun added = runAs(s_admin, {u"add"_s, u"--title"_s, title, u"--description"_s, u"line 1\n"_s + title});
    QVERIFY_SUCCEEDS(added);
    const QString id = added.outLine();
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"comment"_s, id, u"--text"_s, title}));
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"checklist"_s, id, u"--add"_s, title}));

    // WHEN the card is listed and shown on a terminal
    const CliRun listed = runAs(s_admin, {u"list"_s, u"--search"_s, u"line"_s});
    const CliRun shownCard = runAs(s_admin, {u"show"_s, id});
    QVERIFY_SUCCEEDS(listed);
    QVERIFY_SUCCEEDS(shownCard);

    // THEN every control character is escaped, in the table, the title, the description, comments and checklist
    const QString table = QString::fromUtf8(listed.out);
    const QString details = QString::fromUtf8(shownCard.out);
    QVERIFY2(table.contains(shown), qPrintable(table));
    QCOMPARE(details.count(shown), 4);
    for (const QString &out : {table, details}) {
        for (const QChar c : out) {
            const char16_t code = c.unicode();
            QVERIFY2(code == u'\n'
                             || (code >= 0x20 && code != 0x7f && !(code >= 0x80 && code <= 0x9f) && code != 0x202e
                                 && code != 0x200e && code != 0x200f && !(code >= 0x2066 && code <= 0x2069)),
                     qPrintable(u"U+%1 printed raw"_s.arg(int(code), 4, 16, QLatin1Char('0'))));
        }
    }
    // AND the description keeps its line break
    QVERIFY2(details.contains(u"line 1\n"_s + shown), qPrintable(details));

    // AND JSON carries the text exactly (its own escaping keeps control characters off the terminal)
    const CliRun json = runAs(s_admin, {u"show"_s, id, u"--json"_s});
    QVERIFY_SUCCEEDS(json);
    for (const char byte : json.out)
        QVERIFY2(uchar(byte) >= 0x20 || byte == '\n', qPrintable(describe(json)));
    QCOMPARE(parseJson(json.out).toObject().value(u"title"_s).toString(), title);
    QCOMPARE(list({u"--search"_s, u"line"_s}).first()[u"title"_s].toString(), title);
}

void tst_CliInput::shouldRefuseEmptySearch_data()
{
    QTest::addColumn<QString>("search");
    QTest::newRow("empty") << QString();
    QTest::newRow("spaces") << u"   "_s;
}

void tst_CliInput::shouldRefuseEmptySearch()
{
    QFETCH(QString, search);
    QVERIFY(useDemoBoard());
    // An empty search used to list nothing, silently; now it says what to give (README: leave it out for all).
    const CliRun listed = runAs(s_admin, {u"list"_s, u"--search"_s, search});
    QVERIFY_FAILS_WITH(listed, Invalid);
    QVERIFY2(listed.err.contains("a word to search for"), qPrintable(describe(listed)));
    const CliRun json = runAs(s_admin, {u"list"_s, u"--json"_s, u"--search="_s + search});
    QVERIFY_FAILS_WITH(json, Invalid);
}

// --- files --------------------------------------------------------------------------------------------------

void tst_CliInput::shouldSayWhatAnAttachedPathIs_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("folder") << u"folder"_s << u"is a folder"_s;
    QTest::newRow("named pipe (must not block)") << u"fifo"_s << u"is a named pipe, not a file"_s;
    QTest::newRow("device") << u"device"_s << u"is a device, not a file"_s;
    QTest::newRow("nothing") << u"missing"_s << u"there is no file at"_s;
}

void tst_CliInput::shouldSayWhatAnAttachedPathIs()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QVERIFY(useDemoBoard());
    QString path = m_dir->filePath(kind);
    if (kind == u"folder")
        QVERIFY(QDir(m_dir->path()).mkdir(kind));
    else if (kind == u"fifo")
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    else if (kind == u"device")
        path = u"/dev/null"_s;
    const qsizetype attachments = show(s_card).value(u"attachments"_s).toArray().size();

    QElapsedTimer clock;
    clock.start();
    const CliRun attached = runAs(s_admin, {u"attach"_s, QString::number(s_card), path});

    QVERIFY_FAILS_WITH(attached, Invalid);
    QVERIFY2(attached.err.contains(message.toUtf8()), qPrintable(describe(attached)));
    QVERIFY2(clock.elapsed() < 10'000, "attach waited for the named pipe");
    QCOMPARE(show(s_card).value(u"attachments"_s).toArray().size(), attachments);
}

void tst_CliInput::shouldAttachAndSaveFilesWhoseNamesAreNotUtf8()
{
    QVERIFY(useDemoBoard());
    // GIVEN a file whose name is Latin-1, as an old share or a zip file leaves them
    const QByteArray name = "Bestellung-M\xfcller.pdf";
    const QByteArray content = "%PDF-1.4 order form";
    const QByteArray path = QFile::encodeName(m_dir->path()) + '/' + name;
    const QByteArray copy = QFile::encodeName(m_dir->path()) + "/copy-\xe9.pdf";
    // QTemporaryDir cannot remove what it cannot name.
    const auto removeFiles = qScopeGuard([&] {
        ::unlink(path.constData());
        ::unlink(copy.constData());
    });
    {
        FILE *file = std::fopen(path.constData(), "wb");
        QVERIFY(file);
        QCOMPARE(std::fwrite(content.constData(), 1, size_t(content.size()), file), size_t(content.size()));
        std::fclose(file);
    }

    // WHEN it is attached by its bytes
    const CliRun attached = runWithBytes({u"attach"_s, QString::number(s_card)}, path);

    // THEN it is attached with U+FFFD where its name is not UTF-8, and its content whole
    QVERIFY_SUCCEEDS(attached);
    const QJsonArray attachments = show(s_card).value(u"attachments"_s).toArray();
    QCOMPARE(attachments.last()[u"name"_s].toString(), u"Bestellung-M\ufffdller.pdf"_s);
    QCOMPARE(attachments.last()[u"size"_s].toInteger(), content.size());

    // AND it can be saved back under a name that is not UTF-8 either
    QVERIFY_SUCCEEDS(runWithBytes({u"save-attachment"_s, attached.outLine()}, copy));
    FILE *file = std::fopen(copy.constData(), "rb");
    QVERIFY(file);
    QByteArray saved(256, '\0');
    saved.resize(qsizetype(std::fread(saved.data(), 1, size_t(saved.size()), file)));
    std::fclose(file);
    QCOMPARE(saved, content);
}

void tst_CliInput::shouldSaveAttachmentOnlyToANewFile_data()
{
    QTest::addColumn<QString>("existing"); ///< what is at the target before the save
    QTest::newRow("nothing") << QString();
    QTest::newRow("a file") << u"file"_s;
    QTest::newRow("a dangling symlink") << u"dangling"_s;
    QTest::newRow("a symlink to a file") << u"symlink"_s;
}

void tst_CliInput::shouldSaveAttachmentOnlyToANewFile()
{
    QFETCH(QString, existing);
    QVERIFY(useDemoBoard());
    const QString source = m_dir->filePath(u"manual.txt"_s);
    QVERIFY(writeFile(source, "the manual"));
    const CliRun attached = runAs(s_admin, {u"attach"_s, QString::number(s_card), source});
    QVERIFY_SUCCEEDS(attached);
    const QString target = m_dir->filePath(u"saved.txt"_s);
    const QString elsewhere = m_dir->filePath(u"elsewhere.txt"_s);
    if (existing == u"file")
        QVERIFY(writeFile(target, "keep me"));
    if (existing == u"dangling")
        QVERIFY(QFile::link(elsewhere, target));
    if (existing == u"symlink") {
        QVERIFY(writeFile(elsewhere, "keep me"));
        QVERIFY(QFile::link(elsewhere, target));
    }
    const QStringList filesBefore = filesInTestFolder();

    const CliRun saved = runAs(s_admin, {u"save-attachment"_s, attached.outLine(), target});

    if (existing.isEmpty()) {
        QVERIFY_SUCCEEDS(saved);
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("the manual"));
        QStringList expected = filesBefore + QStringList{u"saved.txt"_s};
        expected.sort();
        QCOMPARE(filesInTestFolder(), expected);
        return;
    }
    // THEN nothing is written through the link or over the file, and no temporary file is left behind
    QVERIFY_FAILS_WITH(saved, Invalid);
    QVERIFY2(saved.err.contains("already exists"), qPrintable(describe(saved)));
    QCOMPARE(filesInTestFolder(), filesBefore);
    if (existing == u"dangling")
        QVERIFY(!QFileInfo::exists(elsewhere));
    else {
        QFile file(existing == u"file" ? target : elsewhere);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("keep me"));
    }
}

void tst_CliInput::shouldLeaveNothingBehindWhenBackupFails()
{
    const QString strace = QStandardPaths::findExecutable(u"strace"_s);
    if (strace.isEmpty())
        HB_SKIP_UNLESS_CI("strace is not installed: the full disk cannot be injected");
    QVERIFY(useDemoBoard());
    const QString folder = m_dir->filePath(u"backups"_s);
    QVERIFY(QDir(m_dir->path()).mkdir(u"backups"_s));
    const QString target = folder + u"/copy.helpboard"_s;

    // WHEN the backup's writes fail (the disk is full)
    const CliRun failed = execute(strace, {u"-f"_s, u"-o"_s, u"/dev/null"_s, u"-e"_s,
                                           u"inject=pwrite64,write:error=ENOSPC"_s, u"-P"_s, folder, u"--"_s, m_cli,
                                           u"--board"_s, m_board, u"--as"_s, s_admin, u"backup"_s, target});
    // strace -P matches the folder only for calls naming it; a VACUUM INTO file is named by its descriptor, so the
    // fault goes on every write when the filter does not reach it.
    CliRun faulted = failed;
    if (faulted.exitCode == Ok) {
        QFile::remove(target);
        faulted = execute(strace, {u"-f"_s, u"-o"_s, u"/dev/null"_s, u"-e"_s, u"inject=pwrite64:error=ENOSPC"_s,
                                   u"--"_s, m_cli, u"--board"_s, m_board, u"--as"_s, s_admin, u"backup"_s, target});
    }

    // THEN it fails as a file-system error and leaves nothing behind, so that a retry works
    QVERIFY2(faulted.exitCode == IoError, qPrintable(describe(faulted)));
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList());
    const CliRun retried = runAs(s_admin, {u"backup"_s, target});
    QVERIFY_SUCCEEDS(retried);
    QVERIFY_SUCCEEDS(run({u"--board"_s, target, u"--as"_s, s_admin, u"verify"_s}));
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System),
             (QStringList{u"copy.helpboard"_s, u"copy.helpboard-journal"_s}));

    // AND a second backup to the same name is refused, the first one kept
    const CliRun again = runAs(s_admin, {u"backup"_s, target});
    QVERIFY_FAILS_WITH(again, Invalid);
    QVERIFY2(again.err.contains("already exists"), qPrintable(describe(again)));
}

void tst_CliInput::shouldReportFullDiskAsFileSystemError()
{
    const QString strace = QStandardPaths::findExecutable(u"strace"_s);
    if (strace.isEmpty())
        HB_SKIP_UNLESS_CI("strace is not installed: the full disk cannot be injected");
    QVERIFY(useDemoBoard());
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"list"_s})); // leaves the journal file the fault is put on
    const qsizetype comments = show(s_card).value(u"comments"_s).toArray().size();

    // WHEN the disk is full from the start: opening the board probes with a write, and the save writes
    const CliRun full =
            execute(strace, {u"-f"_s, u"-o"_s, u"/dev/null"_s, u"-e"_s, u"inject=pwrite64:error=ENOSPC"_s, u"-P"_s,
                             m_board + u"-journal"_s, u"--"_s, m_cli, u"--board"_s, m_board, u"--as"_s, s_admin,
                             u"comment"_s, QString::number(s_card), u"--text"_s, u"Toner ordered"_s});

    // THEN it is a file-system error saying the disk is full, not a read-only board (exit 5)
    QVERIFY_FAILS_WITH(full, IoError);
    QVERIFY2(full.err.contains("is full") && !full.err.contains("read-only"), qPrintable(describe(full)));
    QCOMPARE(show(s_card).value(u"comments"_s).toArray().size(), comments);
}

// --- fuzzing the readers ------------------------------------------------------------------------------------

void tst_CliInput::shouldParseOrRefuseAnyDue()
{
    QRandomGenerator random(20261201);
    const QString alphabet = u"0123456789-:T Z+.,tz\u00a0\uff11\u0660"_s;
    int accepted = 0;
    QElapsedTimer clock;
    clock.start();
    for (int round = 0; round < s_fuzzRounds; ++round) {
        QString text;
        if (round % 3 == 0) {
            text = QString::fromUtf8(randomBytes(random, 40));
        } else {
            // Near misses of the real format: digits and separators in date-time shape, mutated.
            text = withInsertions(random,
                                  u"%1-%2-%3%4%5:%6"_s.arg(random.bounded(10000), 4, 10, QLatin1Char('0'))
                                          .arg(random.bounded(14), 2, 10, QLatin1Char('0'))
                                          .arg(random.bounded(33), 2, 10, QLatin1Char('0'))
                                          .arg(random.bounded(2) ? u"T"_s : u" "_s)
                                          .arg(random.bounded(26), 2, 10, QLatin1Char('0'))
                                          .arg(random.bounded(61), 2, 10, QLatin1Char('0')),
                                  alphabet);
            if (random.bounded(4) == 0)
                text.truncate(random.bounded(int(text.size()) + 1));
        }
        const auto parsed = cliinput::parseDue(text);
        if (parsed) {
            ++accepted;
            QVERIFY2(*parsed > 0, qPrintable(text));
            QVERIFY2(text.size() >= 10 && text.at(4) == u'-', qPrintable(text));
        } else {
            QCOMPARE(parsed.error().kind, hb::storage::ErrorKind::Invalid);
            QVERIFY2(parsed.error().message.startsWith(u"--due"_s)
                             && (!parsed.error().message.contains(u'\n') || text.contains(u'\n')),
                     qPrintable(parsed.error().message));
        }
    }
    qInfo("due parser: %d inputs, %d accepted, %lld ms", s_fuzzRounds, accepted, clock.elapsed());
    QVERIFY(accepted > 1000);
}

void tst_CliInput::shouldParseOrRefuseAnyDay()
{
    // report --from/--to: random bytes, and near misses of YYYY-MM-DD (impossible days, other separators, digits
    // of other scripts), each a day that exists from 1970 on or one clear refusal naming the option.
    QRandomGenerator random(20261207);
    const QString alphabet = u"0123456789-/. T\u0660\uff11"_s;
    int accepted = 0;
    QElapsedTimer clock;
    clock.start();
    for (int round = 0; round < s_fuzzRounds; ++round) {
        QString text;
        if (round % 3 == 0) {
            text = QString::fromUtf8(randomBytes(random, 16));
        } else {
            text = withInsertions(random,
                                  u"%1-%2-%3"_s.arg(random.bounded(1900, 2200), 4, 10, QLatin1Char('0'))
                                          .arg(random.bounded(14), 2, 10, QLatin1Char('0'))
                                          .arg(random.bounded(33), 2, 10, QLatin1Char('0')),
                                  alphabet);
        }
        const auto day = cliinput::parseDay(u"--from"_s, text);
        if (day) {
            ++accepted;
            QVERIFY2(day->isValid() && day->year() >= 1970, qPrintable(text));
            QCOMPARE(day->toString(Qt::ISODate), text);
        } else {
            QCOMPARE(day.error().kind, hb::storage::ErrorKind::Invalid);
            QVERIFY2(day.error().message.startsWith(u"--from takes a day"_s), qPrintable(day.error().message));
        }
    }
    qInfo("day parser: %d inputs, %d accepted, %lld ms", s_fuzzRounds, accepted, clock.elapsed());
    QVERIFY(accepted > 1000);
}

void tst_CliInput::shouldParseOrRefuseAnyPriorityOrChannel()
{
    // --priority and --channel of list and report: random bytes, and the known spellings mutated (case, a letter
    // more or less, spaces), each one of the known values or one clear refusal that lists them.
    QRandomGenerator random(20261208);
    const QStringList known{u"critical"_s, u"high"_s,    u"normal"_s, u"low"_s,        u"email"_s, u"phone"_s,
                            u"chat"_s,     u"walk-in"_s, u"portal"_s, u"monitoring"_s, u"none"_s};
    int accepted = 0;
    QElapsedTimer clock;
    clock.start();
    for (int round = 0; round < s_fuzzRounds; ++round) {
        QString text;
        if (round % 3 == 0) {
            text = QString::fromUtf8(randomBytes(random, 12));
        } else {
            text = known.at(random.bounded(int(known.size())));
            const int mutations = random.bounded(3);
            for (int i = 0; i < mutations; ++i) {
                const int at = random.bounded(int(text.size()) + 1);
                switch (random.bounded(3)) {
                case 0:
                    text.insert(at, QChar(u" -Aeéİ"[random.bounded(6)]));
                    break;
                case 1:
                    text.remove(at, 1);
                    break;
                default:
                    text = text.toUpper();
                }
            }
        }
        const auto priority = hb::app::detail::parsePriority(text);
        const auto channel = hb::app::detail::parseChannel(text, true);
        if (priority) {
            ++accepted;
            QCOMPARE(hb::storage::toText(*priority), text);
        } else {
            QCOMPARE(priority.error().kind, hb::storage::ErrorKind::Invalid);
            QVERIFY2(priority.error().message.startsWith(u"unknown priority"_s)
                             && priority.error().message.endsWith(u"(critical, high, normal, low)"_s),
                     qPrintable(priority.error().message));
        }
        if (channel) {
            ++accepted;
            // (none: "none", or nothing at all)
            QCOMPARE(hb::storage::toText(*channel), text == u"none" ? QString() : text);
        } else {
            QCOMPARE(channel.error().kind, hb::storage::ErrorKind::Invalid);
            QVERIFY2(channel.error().message.startsWith(u"unknown channel"_s), qPrintable(channel.error().message));
        }
    }
    qInfo("priority and channel parsers: %d inputs, %d accepted, %lld ms", s_fuzzRounds, accepted, clock.elapsed());
    QVERIFY(accepted > 1000);
}

void tst_CliInput::shouldDecodeAnyArgumentBytes()
{
    QRandomGenerator random(8);
    int invalid = 0;
    QElapsedTimer clock;
    clock.start();
    for (int round = 0; round < s_fuzzRounds; ++round) {
        const QByteArray bytes = randomBytes(random, 24);
        // Through the same function helpboard-cli's main() uses, as a real argv.
        QByteArray terminated = bytes;
        terminated.truncate(terminated.indexOf('\0') < 0 ? terminated.size() : terminated.indexOf('\0'));
        const char *argv[] = {"helpboard-cli", terminated.constData(), nullptr};
        const QStringList decoded = cliinput::decodeArguments(2, argv);
        QCOMPARE(decoded.size(), 1);
        const QString &argument = decoded.constFirst();
        // The bytes come back exactly, and are called valid exactly when Qt's own decoder reads them losslessly.
        QCOMPARE(cliinput::argumentBytes(argument), terminated);
        QStringDecoder qtDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
        const QString byQt = qtDecoder.decode(terminated);
        const bool valid = byQt.toUtf8() == terminated;
        QCOMPARE(cliinput::isValidUtf8(terminated), valid);
        QCOMPARE(cliinput::hasInvalidBytes(argument), !valid);
        if (valid) {
            QCOMPARE(argument, byQt);
            QVERIFY(!cliinput::textProblem(u"x"_s, argument));
        } else {
            ++invalid;
            const auto problem = cliinput::textProblem(u"the value of --title"_s, argument);
            QVERIFY(problem);
            QVERIFY(problem->message.contains(u"not UTF-8"_s));
            QVERIFY(!problem->message.contains(QChar(0xfffd)) || terminated.contains("\xef\xbf\xbd"));
        }
    }
    qInfo("argument decoding: %d inputs, %d not UTF-8, %lld ms", s_fuzzRounds, invalid, clock.elapsed());
    QVERIFY(invalid > 1000);
}

void tst_CliInput::shouldDecodeOrRefuseAnyStandardInput()
{
    QRandomGenerator random(16);
    int accepted = 0;
    for (int round = 0; round < s_fuzzRounds; ++round) {
        QByteArray bytes = randomBytes(random, 64);
        if (round % 5 == 0)
            bytes.prepend(round % 10 == 0 ? "\xff\xfe" : "\xfe\xff");
        const auto decoded = cliinput::decodeStandardInput(bytes);
        const bool utf16 = bytes.startsWith("\xff\xfe") || bytes.startsWith("\xfe\xff");
        const QByteArray body = bytes.startsWith("\xef\xbb\xbf") ? bytes.mid(3) : bytes;
        const bool expected = !utf16 && cliinput::isValidUtf8(body) && !body.contains('\0');
        QVERIFY2(decoded.ok() == expected, bytes.toHex().constData());
        if (decoded) {
            ++accepted;
            QCOMPARE(decoded->toUtf8(), body);
        } else {
            QVERIFY(decoded.error().message.startsWith(u"standard input"_s));
        }
    }
    qInfo("standard input: %d inputs, %d accepted", s_fuzzRounds, accepted);
    QVERIFY(accepted > 1000);
}

void tst_CliInput::shouldReadAnyArgumentList()
{
    QRandomGenerator random(42);
    const QStringList tokens{u"--title"_s, u"--due"_s, u"--label"_s,          u"--json"_s,    u"--"_s,
                             u"-"_s,       u"-x"_s,    u"--title="_s,         u"--label=a"_s, u"12"_s,
                             u"Drucker"_s, u""_s,      u"--due=2026-12-01"_s, u"\u202e"_s,    u"--=x"_s,
                             u"---"_s};
    int refused = 0;
    QElapsedTimer clock;
    clock.start();
    for (int round = 0; round < s_fuzzRounds; ++round) {
        QStringList list;
        const int length = random.bounded(9);
        for (int i = 0; i < length; ++i) {
            list << (random.bounded(8) == 0 ? cliinput::decodeArgument(randomBytes(random, 8))
                                            : tokens.at(random.bounded(int(tokens.size()))));
        }
        CliArguments args(list);
        // In the order commands ask: flags, single values, repeated values, then what is left.
        (void)args.flag(u"--json"_s);
        const auto title = args.value(u"--title"_s);
        const auto due = args.value(u"--due"_s);
        const QStringList labels = args.values(u"--label"_s);
        const int minimum = random.bounded(3);
        const auto positional = args.positional(minimum, minimum + random.bounded(3));
        if (!positional) {
            ++refused;
            QVERIFY2(!args.error().isEmpty(), qPrintable(list.join(u' ')));
        } else {
            QVERIFY(positional->size() >= minimum);
            for (const QString &item : *positional)
                QVERIFY2(list.contains(item), qPrintable(item));
        }
        if (due)
            (void)cliinput::parseDue(*due);
        QVERIFY(labels.size() <= list.size());
        QVERIFY(!title || list.contains(*title) || list.contains(u"--title="_s + *title));
    }
    qInfo("CliArguments: %d argument lists, %d refused, %lld ms", s_fuzzRounds, refused, clock.elapsed());
    QVERIFY(refused > 1000);
}

void tst_CliInput::shouldEscapeAnyText()
{
    QRandomGenerator random(1234);
    for (int round = 0; round < s_fuzzRounds; ++round) {
        QString text;
        const int length = random.bounded(16);
        for (int i = 0; i < length; ++i)
            text += QChar(char16_t(random.bounded(4) == 0 ? random.bounded(0x10000) : random.bounded(0x100)));
        for (const LineBreaks breaks : {LineBreaks::Escape, LineBreaks::Keep}) {
            const QString shown = terminalText(text, breaks);
            for (const QChar c : shown) {
                const char16_t code = c.unicode();
                const bool kept = breaks == LineBreaks::Keep && (code == u'\n' || code == u'\t');
                QVERIFY2(kept
                                 || (code >= 0x20 && code != 0x7f && !(code >= 0x80 && code <= 0x9f)
                                     && !(code >= 0x202a && code <= 0x202e) && code != 0x200e && code != 0x200f
                                     && !(code >= 0x2066 && code <= 0x2069)),
                         qPrintable(u"U+%1"_s.arg(int(code), 4, 16)));
            }
            if (shown == text)
                QVERIFY(!text.contains(QChar(0x1b)));
        }
    }
    qInfo("terminal text: %d texts", s_fuzzRounds);
}

void tst_CliInput::shouldAnswerAnyArgumentBytesInOneLine()
{
    // The same readers end to end, in real processes (fewer rounds: each is a process start).
    constexpr int s_processRounds = 40;
    QVERIFY(useDemoBoard());
    QRandomGenerator random(77);
    const QList<QStringList> slots{{u"add"_s, u"--title"_s},
                                   {u"add"_s, u"--title"_s, u"t"_s, u"--due"_s},
                                   {u"list"_s, u"--search"_s},
                                   {u"show"_s},
                                   {u"comment"_s, QString::number(s_card), u"--text"_s},
                                   {u"kb"_s, u"list"_s, u"--search"_s},
                                   {u"kb"_s, u"add"_s, u"--title"_s},
                                   {u"kb"_s, u"show"_s}};
    int succeeded = 0;
    for (int round = 0; round < s_processRounds; ++round) {
        QByteArray raw = randomBytes(random, 12);
        raw.replace('\0', 'x'); // an argument cannot hold NUL
        const QStringList &before = slots.at(random.bounded(int(slots.size())));
        const CliRun ran = runWithBytes(before, raw);
        QVERIFY2(ran.exitCode == Ok || ran.exitCode == Usage || ran.exitCode == Invalid, qPrintable(describe(ran)));
        if (ran.exitCode == Ok) {
            ++succeeded;
            continue;
        }
        const QString problem = errorLineProblem(ran);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        for (const char byte : ran.err)
            QVERIFY2(uchar(byte) >= 0x20 || byte == '\n', qPrintable(describe(ran)));
    }
    qInfo("helpboard-cli processes: %d argument byte strings, %d succeeded", s_processRounds, succeeded);
}

QTEST_GUILESS_MAIN(tst_CliInput)
#include "tst_cliinput.moc"
