// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli as scripts see it: every command and every exit code, run as a real process on a real board file.
#include "support/testsupport.h"

#include <storage/boardstore.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <functional>
#include <memory>

#include <unistd.h>

using namespace hb::tests;
using namespace Qt::StringLiterals;

namespace {

// The documented exit codes (helpboard-cli --help), spelled out so the test checks the contract, not an enum.
enum Exit { Ok = 0, Usage = 1, Invalid = 2, Conflict = 3, Busy = 4, Forbidden = 5, BadBoard = 6, IoError = 7 };

// Members of the demo board (resources/demo/demo-board.json), one per role.
const QString s_admin = u"alice"_s;
const QString s_editor = u"ben"_s;
const QString s_viewer = u"margaret"_s;

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString outLine() const { return QString::fromUtf8(out).trimmed(); }
};

/// Which cards a `list` filter should return, decided from the card's `export --json` object alone.
using CardRule = std::function<bool(const QJsonObject &card, qint64 now)>;

QString describe(const CliRun &run)
{
    return u"exit code %1; stdout: %2; stderr: %3"_s.arg(run.exitCode)
            .arg(QString::fromUtf8(run.out.left(600)), QString::fromUtf8(run.err.left(600)));
}

/// Empty when the run failed the documented way: one line "helpboard-cli: ..." on stderr and nothing on stdout.
QString errorLineProblem(const CliRun &run)
{
    if (!run.err.startsWith("helpboard-cli: "))
        return u"stderr does not start with “helpboard-cli: ”; "_s + describe(run);
    if (run.err.count('\n') != 1 || !run.err.endsWith('\n'))
        return u"stderr is not exactly one line; "_s + describe(run);
    if (!run.out.isEmpty())
        return u"stdout is not empty; "_s + describe(run);
    return {};
}

QJsonValue parseJson(const QByteArray &bytes)
{
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (document.isArray())
        return document.array();
    if (document.isObject())
        return document.object();
    return {};
}

QList<qint64> idsOf(const QJsonArray &cards)
{
    QList<qint64> ids;
    for (const QJsonValue &card : cards)
        ids << card.toObject().value(u"id"_s).toInteger();
    return ids;
}

QList<qint64> sorted(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

QStringList stringsOf(const QJsonArray &array)
{
    QStringList strings;
    for (const QJsonValue &value : array)
        strings << value.toString();
    strings.sort();
    return strings;
}

qint64 msecsOf(const QJsonValue &isoTime)
{
    if (isoTime.isNull())
        return 0;
    return QDateTime::fromString(isoTime.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

/// How a date-time appears in the JSON output: UTC, with milliseconds.
QString jsonTime(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

int urgency(const QString &priority)
{
    return QStringList{u"critical"_s, u"high"_s, u"normal"_s, u"low"_s}.indexOf(priority);
}

bool isOpenAndOverdue(const QJsonObject &card, qint64 now)
{
    const qint64 due = msecsOf(card.value(u"due"_s));
    return due && card.value(u"resolved"_s).isNull() && due < now;
}

bool isOpenAndDueWithinDay(const QJsonObject &card, qint64 now)
{
    const qint64 due = msecsOf(card.value(u"due"_s));
    return due && card.value(u"resolved"_s).isNull() && due >= now && due < now + 24LL * 3600 * 1000;
}

/// The text full-text search looks at: title, description, comments and checklist items.
QString searchableText(const QJsonObject &card)
{
    QStringList parts{card.value(u"title"_s).toString(), card.value(u"description"_s).toString()};
    for (const QJsonValue &comment : card.value(u"comments"_s).toArray())
        parts << comment.toObject().value(u"text"_s).toString();
    for (const QJsonValue &item : card.value(u"checklist"_s).toArray())
        parts << item.toObject().value(u"text"_s).toString();
    return parts.join(u'\n');
}

/// FTS prefix semantics, computed independently: every word of @p query starts some word of the card's text.
bool matchesSearch(const QJsonObject &card, const QString &query)
{
    const QString text = searchableText(card);
    for (const QString &word : query.split(u' ', Qt::SkipEmptyParts)) {
        const QRegularExpression wordStart(u"(?<![\\p{L}\\p{N}])"_s + QRegularExpression::escape(word),
                                           QRegularExpression::CaseInsensitiveOption);
        if (!text.contains(wordStart))
            return false;
    }
    return true;
}

CardRule fieldIs(const QString &key, const QString &value)
{
    return [=](const QJsonObject &card, qint64) { return card.value(key).toString() == value; };
}

CardRule requesterContains(const QString &text)
{
    return [=](const QJsonObject &card, qint64) {
        return card.value(u"requester"_s).toString().contains(text, Qt::CaseInsensitive);
    };
}

CardRule fieldIsNull(const QString &key)
{
    return [=](const QJsonObject &card, qint64) { return card.value(key).isNull(); };
}

CardRule hasAnyLabel(const QStringList &labels)
{
    return [=](const QJsonObject &card, qint64) {
        const QStringList has = stringsOf(card.value(u"labels"_s).toArray());
        return std::any_of(labels.cbegin(), labels.cend(), [&](const QString &label) { return has.contains(label); });
    };
}

CardRule priorityAtLeast(const QString &priority)
{
    return [=](const QJsonObject &card, qint64) {
        return urgency(card.value(u"priority"_s).toString()) <= urgency(priority);
    };
}

CardRule searchFinds(const QString &query)
{
    return [=](const QJsonObject &card, qint64) { return matchesSearch(card, query); };
}

CardRule both(const CardRule &a, const CardRule &b)
{
    return [=](const QJsonObject &card, qint64 now) { return a(card, now) && b(card, now); };
}

CardRule either(const CardRule &a, const CardRule &b)
{
    return [=](const QJsonObject &card, qint64 now) { return a(card, now) || b(card, now); };
}

/// The files in @p folder, without SQLite's journal (TRUNCATE mode leaves an empty one behind once a board is opened).
QStringList filesIn(const QString &folder)
{
    QStringList files = QDir(folder).entryList(QDir::Files, QDir::Name);
    files.removeIf([](const QString &name) { return name.endsWith(u"-journal"_s); });
    return files;
}

} // namespace

Q_DECLARE_METATYPE(CardRule)

// A command that must fail: its exit code, one "helpboard-cli: " line on stderr, nothing on stdout.
#define QVERIFY_FAILS_WITH(run, code) \
    do { \
        const CliRun &failed_ = (run); \
        QVERIFY2(failed_.exitCode == (code), \
                 qPrintable(u"expected exit code %1; "_s.arg(int(code)) + describe(failed_))); \
        const QString problem_ = errorLineProblem(failed_); \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_)); \
    } while (false)

#define QVERIFY_SUCCEEDS(run) \
    do { \
        const CliRun &succeeded_ = (run); \
        QVERIFY2(succeeded_.exitCode == Ok, qPrintable(describe(succeeded_))); \
    } while (false)

class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // init, columns
    void shouldCreateBoardAndPrintItsPath();
    void shouldRefuseToInitOverExistingFile();
    void shouldRefuseToInitInMissingFolder();
    void shouldCreateDemoBoardWithThreeColumnsFiveLabelsAndCards();
    void shouldListColumnsAsTableAndJson();

    // add, edit
    void shouldPrintNewCardIdOnAdd();
    void shouldStoreDueDate_data();
    void shouldStoreDueDate();
    void shouldEditEachField_data();
    void shouldEditEachField();
    void shouldAcceptEditWithCurrentVersion();
    void shouldReportConflictWhenSameFieldChangedSinceExpectedVersion();
    void shouldMergeEditOfDifferentFieldChangedSinceExpectedVersion();
    void shouldApplyOperationIdOnlyOnce();

    // move, comment, checklist, attachments
    void shouldMoveCardToColumnBeforeAndAfterOthers();
    void shouldAddCommentFromTextAndStandardInput();
    void shouldTickAndUntickChecklistItems();
    void shouldStoreAttachmentAndSaveItBackIdentical();
    void shouldLinkFileOnShare();
    void shouldRejectAttachmentLargerThanBoardLimit();

    // list, show, archive
    void shouldListCardsMatchingFilter_data();
    void shouldListCardsMatchingFilter();
    void shouldPrintListAsTable();
    void shouldShowCardWithChecklistLabelsCommentsAttachmentsAndHistory();
    void shouldArchiveAndRestoreCard();

    // members and roles
    void shouldListAddAndRemoveMembers();
    void shouldForbidEditorToChangeMembers();
    void shouldForbidViewerToChangeCards_data();
    void shouldForbidViewerToChangeCards();

    // export, verify, backup
    void shouldExportBoardToStandardOutputAndFile();
    void shouldReportFileSystemErrorWhenExportCannotBeWritten();
    void shouldVerifySoundBoard();
    void shouldBackUpToNewFileOnly();

    // exit codes for the file and the other users
    void shouldReportBusyWhileAnotherWriterHoldsLock();
    void shouldOpenReadOnlyFileForReadingButRefuseChanges();
    void shouldRefuseFileThatIsNotUsableBoard_data();
    void shouldRefuseFileThatIsNotUsableBoard();

    // usage and invalid input
    void shouldPrintUsageAndVersion_data();
    void shouldPrintUsageAndVersion();
    void shouldRejectUsageErrorsWithoutWriting_data();
    void shouldRejectUsageErrorsWithoutWriting();
    void shouldRejectInvalidInputWithoutWriting_data();
    void shouldRejectInvalidInputWithoutWriting();

private:
    CliRun execute(const QString &program, const QStringList &args, const QByteArray &input = {}) const;
    /// Runs helpboard-cli with exactly @p args.
    CliRun run(const QStringList &args, const QByteArray &input = {}) const;
    /// Runs helpboard-cli on the test's board as @p login; "%DIR%" in an argument is the test's folder.
    CliRun runAs(const QString &login, const QStringList &args, const QByteArray &input = {}) const;

    bool useDemoBoard();
    QJsonObject exportBoard(const QString &board = {}) const;
    QJsonArray exportedCards() const { return exportBoard().value(u"cards"_s).toArray(); }
    int cardCount() const { return int(exportedCards().size()); }
    QJsonObject show(qint64 id) const;
    QJsonArray list(const QStringList &filter, const QString &board = {}) const;
    /// Adds a card as the admin; 0 when that failed.
    qint64 addCard(const QStringList &options) const;
    qint64 versionOf(qint64 id) const { return show(id).value(u"version"_s).toInteger(); }

    QString m_cli;
    QTemporaryDir m_templateDir;
    QString m_template; ///< a demo board made once by `init --demo`, copied for each test (making one takes seconds)
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_board;
};

CliRun tst_Cli::execute(const QString &program, const QStringList &args, const QByteArray &input) const
{
    CliRun result;
    QProcess process;
    process.setProgram(program);
    process.setArguments(args);
    process.start();
    if (!process.waitForStarted(10'000)) {
        result.err = "cannot start " + program.toUtf8() + ": " + process.errorString().toUtf8();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out: " + args.join(u' ').toUtf8();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

CliRun tst_Cli::run(const QStringList &args, const QByteArray &input) const
{
    return execute(m_cli, args, input);
}

CliRun tst_Cli::runAs(const QString &login, const QStringList &args, const QByteArray &input) const
{
    QStringList expanded{u"--board"_s, m_board, u"--as"_s, login};
    for (QString arg : args)
        expanded << arg.replace(u"%DIR%"_s, m_dir->path());
    return run(expanded, input);
}

bool tst_Cli::useDemoBoard()
{
    return QFile::copy(m_template, m_board);
}

QJsonObject tst_Cli::exportBoard(const QString &board) const
{
    const CliRun exported =
            run({u"--board"_s, board.isEmpty() ? m_board : board, u"--as"_s, s_admin, u"export"_s, u"--json"_s});
    return exported.exitCode == Ok ? parseJson(exported.out).toObject() : QJsonObject();
}

QJsonObject tst_Cli::show(qint64 id) const
{
    const CliRun shown = runAs(s_admin, {u"show"_s, QString::number(id), u"--json"_s});
    return shown.exitCode == Ok ? parseJson(shown.out).toObject() : QJsonObject();
}

QJsonArray tst_Cli::list(const QStringList &filter, const QString &board) const
{
    const CliRun listed =
            run(QStringList{u"--board"_s, board.isEmpty() ? m_board : board, u"--as"_s, s_admin, u"list"_s, u"--json"_s}
                + filter);
    return listed.exitCode == Ok ? parseJson(listed.out).toArray() : QJsonArray();
}

qint64 tst_Cli::addCard(const QStringList &options) const
{
    const CliRun added = runAs(s_admin, QStringList{u"add"_s} + options);
    return added.exitCode == Ok ? added.outLine().toLongLong() : 0;
}

void tst_Cli::initTestCase()
{
    m_cli = qEnvironmentVariable("HELPBOARD_CLI");
    QVERIFY2(!m_cli.isEmpty(), "HELPBOARD_CLI must name the helpboard-cli executable (ctest sets it)");
    QVERIFY2(QFileInfo(m_cli).isExecutable(), qPrintable(m_cli));
    QVERIFY(m_templateDir.isValid());

    // GIVEN a demo board, made once with the real command
    m_template = m_templateDir.filePath(u"demo.helpboard"_s);
    const CliRun made = run({u"--board"_s, m_template, u"--as"_s, s_admin, u"init"_s, u"--demo"_s});
    QVERIFY_SUCCEEDS(made);
    QCOMPARE(made.outLine(), QFileInfo(m_template).absoluteFilePath());

    // THEN it has the members the tests act as
    const CliRun members = run({u"--board"_s, m_template, u"--as"_s, s_admin, u"members"_s, u"--json"_s});
    QVERIFY_SUCCEEDS(members);
    QHash<QString, QString> roles;
    for (const QJsonValue &member : parseJson(members.out).toArray())
        roles.insert(member[u"login"_s].toString(), member[u"role"_s].toString());
    QCOMPARE(roles.value(s_admin), u"admin"_s);
    QCOMPARE(roles.value(s_editor), u"editor"_s);
    QCOMPARE(roles.value(s_viewer), u"viewer"_s);
}

void tst_Cli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_board = m_dir->filePath(u"board.helpboard"_s);
}

void tst_Cli::cleanup()
{
    m_dir.reset();
}

// --- init, columns -----------------------------------------------------------------------------------------------

void tst_Cli::shouldCreateBoardAndPrintItsPath()
{
    // WHEN
    const CliRun made = runAs(s_admin, {u"init"_s, u"--name"_s, u"Second line"_s});

    // THEN the file exists, its path is printed, and it is an empty board with the creator as admin
    QVERIFY_SUCCEEDS(made);
    QCOMPARE(made.outLine(), QFileInfo(m_board).absoluteFilePath());
    QVERIFY(QFileInfo::exists(m_board));
    const QJsonObject board = exportBoard();
    QCOMPARE(board.value(u"board"_s).toString(), u"Second line"_s);
    QCOMPARE(board.value(u"cards"_s).toArray().size(), 0);
    const QJsonArray members = board.value(u"members"_s).toArray();
    QCOMPARE(members.size(), 1);
    QCOMPARE(members.at(0)[u"login"_s].toString(), s_admin);
    QCOMPARE(members.at(0)[u"role"_s].toString(), u"admin"_s);
    QVERIFY(!board.value(u"columns"_s).toArray().isEmpty());
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"verify"_s}));
}

void tst_Cli::shouldRefuseToInitOverExistingFile()
{
    // GIVEN a board
    QVERIFY(useDemoBoard());
    const QByteArray before = sha256Of(m_board);

    // WHEN init runs on it, with or without --demo, THEN it refuses and the file is byte-identical
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"init"_s}), Invalid);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"init"_s, u"--demo"_s}), Invalid);
    QCOMPARE(sha256Of(m_board), before);

    // ... and the same for a file that is not a board at all
    const QString other = m_dir->filePath(u"notes.txt"_s);
    QVERIFY(writeFile(other, "my notes\n"));
    QVERIFY_FAILS_WITH(run({u"--board"_s, other, u"--as"_s, s_admin, u"init"_s}), Invalid);
    QCOMPARE(sha256Of(other), QCryptographicHash::hash("my notes\n", QCryptographicHash::Sha256).toHex());
}

void tst_Cli::shouldRefuseToInitInMissingFolder()
{
    const QString folder = m_dir->filePath(u"no/such/folder"_s);
    QVERIFY_FAILS_WITH(run({u"--board"_s, folder + u"/board.helpboard"_s, u"--as"_s, s_admin, u"init"_s}), Invalid);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"no"_s)));
}

void tst_Cli::shouldCreateDemoBoardWithThreeColumnsFiveLabelsAndCards()
{
    QVERIFY(useDemoBoard());
    const QJsonObject board = exportBoard();

    QStringList columns;
    QStringList kinds;
    for (const QJsonValue &column : board.value(u"columns"_s).toArray()) {
        columns << column[u"name"_s].toString();
        kinds << column[u"kind"_s].toString();
    }
    QCOMPARE(columns, (QStringList{u"To-do"_s, u"Doing"_s, u"Done"_s}));
    QCOMPARE(kinds, (QStringList{u"todo"_s, u"doing"_s, u"done"_s}));
    QCOMPARE(board.value(u"labels"_s).toArray().size(), 5);
    const qsizetype cards = board.value(u"cards"_s).toArray().size();
    QVERIFY2(cards >= 20 && cards <= 30, qPrintable(QString::number(cards)));
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"verify"_s}));
}

void tst_Cli::shouldListColumnsAsTableAndJson()
{
    QVERIFY(useDemoBoard());
    QHash<qint64, int> expectedCounts;
    for (const QJsonValue &card : exportedCards()) {
        if (card[u"archived"_s].isNull())
            ++expectedCounts[card[u"column_id"_s].toInteger()];
    }

    // WHEN
    const CliRun json = runAs(s_admin, {u"columns"_s, u"--json"_s});

    // THEN every column has the documented fields, and card_count counts its cards
    QVERIFY_SUCCEEDS(json);
    const QJsonArray columns = parseJson(json.out).toArray();
    QCOMPARE(columns.size(), 3);
    for (const QJsonValue &value : columns) {
        const QJsonObject column = value.toObject();
        for (const QString &key : {u"id"_s, u"name"_s, u"kind"_s, u"wip_limit"_s, u"card_count"_s, u"version"_s})
            QVERIFY2(column.contains(key), qPrintable(key));
        QVERIFY(column[u"id"_s].toInteger() > 0);
        QVERIFY(column[u"version"_s].toInteger() >= 1);
        QVERIFY(column[u"wip_limit"_s].isDouble() && column[u"wip_limit"_s].toInt() >= 0);
        QCOMPARE(column[u"card_count"_s].toInt(), expectedCounts.value(column[u"id"_s].toInteger()));
    }

    // ... and the table has a header and one line per column
    const CliRun table = runAs(s_admin, {u"columns"_s});
    QVERIFY_SUCCEEDS(table);
    const QStringList lines = QString::fromUtf8(table.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).contains(u"NAME"_s));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(lines.at(i + 1).contains(columns.at(i)[u"name"_s].toString()));
        QVERIFY(lines.at(i + 1).contains(QString::number(columns.at(i)[u"card_count"_s].toInt())));
    }
}

// --- add, edit -----------------------------------------------------------------------------------------------

void tst_Cli::shouldPrintNewCardIdOnAdd()
{
    QVERIFY(useDemoBoard());
    const int before = cardCount();

    // WHEN a card is added with every option
    const CliRun added = runAs(s_admin, {u"add"_s,
                                         u"--title"_s,
                                         u"Printer smokes"_s,
                                         u"--column"_s,
                                         u"doing"_s,
                                         u"--priority"_s,
                                         u"high"_s,
                                         u"--due"_s,
                                         u"2030-01-02"_s,
                                         u"--assignee"_s,
                                         u"chloe"_s,
                                         u"--label"_s,
                                         u"Hardware"_s,
                                         u"--label"_s,
                                         u"network"_s,
                                         u"--requester"_s,
                                         u"Sofia Rossi (Sales)"_s,
                                         u"--channel"_s,
                                         u"walk-in"_s,
                                         u"--description"_s,
                                         u"Smoke from tray 2.\nUnplugged it."_s});

    // THEN stdout is just the new id
    QVERIFY_SUCCEEDS(added);
    QVERIFY2(QRegularExpression(u"^[0-9]+\n$"_s).match(QString::fromUtf8(added.out)).hasMatch(), added.out.constData());
    const qint64 id = added.outLine().toLongLong();
    QCOMPARE(cardCount(), before + 1);
    QVERIFY(idsOf(list({})).contains(id));

    // ... and every field was stored
    const QJsonObject card = show(id);
    QCOMPARE(card[u"id"_s].toInteger(), id);
    QCOMPARE(card[u"version"_s].toInteger(), 1);
    QCOMPARE(card[u"title"_s].toString(), u"Printer smokes"_s);
    QCOMPARE(card[u"column"_s].toString(), u"Doing"_s);
    QCOMPARE(card[u"priority"_s].toString(), u"high"_s);
    QCOMPARE(card[u"due"_s].toString(), jsonTime(QDateTime(QDate(2030, 1, 2), QTime(23, 59))));
    QCOMPARE(card[u"assignee"_s].toString(), u"chloe"_s);
    QCOMPARE(stringsOf(card[u"labels"_s].toArray()), (QStringList{u"Hardware"_s, u"Network"_s}));
    QCOMPARE(card[u"requester"_s].toString(), u"Sofia Rossi (Sales)"_s);
    QCOMPARE(card[u"channel"_s].toString(), u"walk-in"_s);
    QCOMPARE(card[u"description"_s].toString(), u"Smoke from tray 2.\nUnplugged it."_s);
    QVERIFY(card[u"status"_s].isNull());
    QCOMPARE(card[u"created_by"_s].toString(), s_admin);

    // ... and a card with only a title goes to the first column with defaults
    const qint64 plain = addCard({u"--title"_s, u"Just a title"_s});
    QVERIFY(plain > id);
    const QJsonObject defaults = show(plain);
    QCOMPARE(defaults[u"column"_s].toString(), u"To-do"_s);
    QCOMPARE(defaults[u"priority"_s].toString(), u"normal"_s);
    QCOMPARE(defaults[u"description"_s].toString(), QString());
    QVERIFY(defaults[u"assignee"_s].isNull());
    QVERIFY(defaults[u"due"_s].isNull());
    QVERIFY(defaults[u"channel"_s].isNull());
    QCOMPARE(defaults[u"labels"_s].toArray().size(), 0);
}

void tst_Cli::shouldStoreDueDate_data()
{
    QTest::addColumn<QString>("due");
    QTest::addColumn<QString>("stored");

    QTest::newRow("date means the end of that day")
            << u"2030-01-02"_s << jsonTime(QDateTime(QDate(2030, 1, 2), QTime(23, 59)));
    QTest::newRow("date-time in UTC") << u"2030-01-02T10:30:00Z"_s << u"2030-01-02T10:30:00.000Z"_s;
    QTest::newRow("date-time with offset") << u"2030-01-02T10:30:00+02:00"_s << u"2030-01-02T08:30:00.000Z"_s;
    QTest::newRow("date-time with milliseconds") << u"2030-01-02T10:30:00.250Z"_s << u"2030-01-02T10:30:00.250Z"_s;
    QTest::newRow("local date-time") << u"2030-01-02T10:30"_s << jsonTime(QDateTime(QDate(2030, 1, 2), QTime(10, 30)));
}

void tst_Cli::shouldStoreDueDate()
{
    QFETCH(QString, due);
    QFETCH(QString, stored);
    QVERIFY(useDemoBoard());

    const qint64 id = addCard({u"--title"_s, u"Due"_s, u"--due"_s, due});
    QVERIFY(id);
    QCOMPARE(show(id)[u"due"_s].toString(), stored);

    // ... and edit reads it the same way
    const qint64 other = addCard({u"--title"_s, u"Due later"_s});
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"edit"_s, QString::number(other), u"--due"_s, due}));
    QCOMPARE(show(other)[u"due"_s].toString(), stored);
}

void tst_Cli::shouldEditEachField_data()
{
    QTest::addColumn<QStringList>("edit");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("stored");

    QTest::newRow("title") << QStringList{u"--title"_s, u"Printer fixed"_s} << u"title"_s
                           << QJsonValue(u"Printer fixed"_s);
    QTest::newRow("description") << QStringList{u"--description"_s, u"New toner.\nTested."_s} << u"description"_s
                                 << QJsonValue(u"New toner.\nTested."_s);
    QTest::newRow("priority") << QStringList{u"--priority"_s, u"critical"_s} << u"priority"_s
                              << QJsonValue(u"critical"_s);
    QTest::newRow("due") << QStringList{u"--due"_s, u"2031-05-06T07:08:09Z"_s} << u"due"_s
                         << QJsonValue(u"2031-05-06T07:08:09.000Z"_s);
    QTest::newRow("no due") << QStringList{u"--no-due"_s} << u"due"_s << QJsonValue();
    QTest::newRow("assignee") << QStringList{u"--assignee"_s, u"dev"_s} << u"assignee"_s << QJsonValue(u"dev"_s);
    QTest::newRow("unassign") << QStringList{u"--unassign"_s} << u"assignee"_s << QJsonValue();
    QTest::newRow("status") << QStringList{u"--status"_s, u"needs-review"_s} << u"status"_s
                            << QJsonValue(u"needs-review"_s);
    QTest::newRow("status none") << QStringList{u"--status"_s, u"none"_s} << u"status"_s << QJsonValue();
    QTest::newRow("requester") << QStringList{u"--requester"_s, u"Kim Lee"_s} << u"requester"_s
                               << QJsonValue(u"Kim Lee"_s);
    QTest::newRow("channel") << QStringList{u"--channel"_s, u"email"_s} << u"channel"_s << QJsonValue(u"email"_s);
    QTest::newRow("channel none") << QStringList{u"--channel"_s, u"none"_s} << u"channel"_s << QJsonValue();
}

void tst_Cli::shouldEditEachField()
{
    QFETCH(QStringList, edit);
    QFETCH(QString, field);
    QFETCH(QJsonValue, stored);

    // GIVEN a card with every field set
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"Printer jams"_s, u"--description"_s, u"Tray 2"_s, u"--priority"_s,
                               u"high"_s, u"--due"_s, u"2030-01-02T10:00:00Z"_s, u"--assignee"_s, u"chloe"_s,
                               u"--requester"_s, u"Sofia"_s, u"--channel"_s, u"phone"_s});
    QVERIFY(id);
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"edit"_s, QString::number(id), u"--status"_s, u"blocked"_s}));
    const QJsonObject before = show(id);
    QVERIFY(before[field] != stored);

    // WHEN one field is edited
    const CliRun edited = runAs(s_admin, QStringList{u"edit"_s, QString::number(id)} + edit);

    // THEN the new version is printed, that field changed and no other did
    QVERIFY_SUCCEEDS(edited);
    const qint64 version = before[u"version"_s].toInteger() + 1;
    QCOMPARE(edited.outLine(), QString::number(version));
    QJsonObject after = show(id);
    QCOMPARE(after[u"version"_s].toInteger(), version);
    QCOMPARE(after[field], stored);
    for (const QString &key : {u"title"_s, u"description"_s, u"priority"_s, u"due"_s, u"assignee"_s, u"status"_s,
                               u"requester"_s, u"channel"_s, u"column"_s, u"labels"_s}) {
        if (key != field)
            QVERIFY2(after[key] == before[key], qPrintable(key));
    }
}

void tst_Cli::shouldAcceptEditWithCurrentVersion()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"VPN drops"_s});
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"edit"_s, QString::number(id), u"--priority"_s, u"low"_s}));
    const qint64 version = versionOf(id);
    QCOMPARE(version, 2);

    const CliRun edited = runAs(s_admin, {u"edit"_s, QString::number(id), u"--title"_s, u"VPN drops hourly"_s,
                                          u"--expect-version"_s, QString::number(version)});

    QVERIFY_SUCCEEDS(edited);
    QCOMPARE(edited.outLine(), QString::number(version + 1));
    QCOMPARE(show(id)[u"title"_s].toString(), u"VPN drops hourly"_s);
}

void tst_Cli::shouldReportConflictWhenSameFieldChangedSinceExpectedVersion()
{
    // GIVEN a card read at version 1, then retitled by someone else
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"VPN drops"_s});
    const qint64 readVersion = versionOf(id);
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"edit"_s, QString::number(id), u"--title"_s, u"Ben's title"_s}));
    const QByteArray before = sha256Of(m_board);

    // WHEN the title is edited against the stale version
    const CliRun stale = runAs(s_admin, {u"edit"_s, QString::number(id), u"--title"_s, u"Alice's title"_s,
                                         u"--expect-version"_s, QString::number(readVersion)});

    // THEN it is a conflict and the other person's title stays
    QVERIFY_FAILS_WITH(stale, Conflict);
    QCOMPARE(show(id)[u"title"_s].toString(), u"Ben's title"_s);
    QCOMPARE(sha256Of(m_board), before);

    // ... and a move against a version from before someone else's move is a conflict too
    const qint64 beforeMove = versionOf(id);
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"move"_s, QString::number(id), u"--to"_s, u"Doing"_s}));
    const QByteArray moved = sha256Of(m_board);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"move"_s, QString::number(id), u"--to"_s, u"Done"_s, u"--expect-version"_s,
                                       QString::number(beforeMove)}),
                       Conflict);
    QCOMPARE(show(id)[u"column"_s].toString(), u"Doing"_s);
    QCOMPARE(sha256Of(m_board), moved);
}

void tst_Cli::shouldMergeEditOfDifferentFieldChangedSinceExpectedVersion()
{
    // GIVEN a card read at version 1, then reprioritised by someone else
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"VPN drops"_s});
    const qint64 readVersion = versionOf(id);
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"edit"_s, QString::number(id), u"--priority"_s, u"critical"_s}));

    // WHEN the title is edited against the stale version
    const CliRun edited = runAs(s_admin, {u"edit"_s, QString::number(id), u"--title"_s, u"VPN drops hourly"_s,
                                          u"--expect-version"_s, QString::number(readVersion)});

    // THEN both changes are kept
    QVERIFY_SUCCEEDS(edited);
    const QJsonObject card = show(id);
    QCOMPARE(card[u"title"_s].toString(), u"VPN drops hourly"_s);
    QCOMPARE(card[u"priority"_s].toString(), u"critical"_s);
    QCOMPARE(edited.outLine(), QString::number(card[u"version"_s].toInteger()));
    QCOMPARE(card[u"version"_s].toInteger(), readVersion + 2);
}

void tst_Cli::shouldApplyOperationIdOnlyOnce()
{
    QVERIFY(useDemoBoard());
    const int before = cardCount();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QStringList add{u"--board"_s, m_board,      u"--as"_s,
                          s_admin,      u"--op-id"_s, opId,
                          u"add"_s,     u"--title"_s, u"Retried by a script"_s};

    // WHEN the same operation runs twice (a script retrying after a lost answer)
    const CliRun first = run(add);
    const CliRun second = run(add);

    // THEN one card exists and both runs name it
    QVERIFY_SUCCEEDS(first);
    QVERIFY_SUCCEEDS(second);
    QVERIFY(first.outLine().toLongLong() > 0);
    QCOMPARE(second.outLine(), first.outLine());
    QCOMPARE(cardCount(), before + 1);

    // ... and a fresh operation id is a new card
    QVERIFY(addCard({u"--title"_s, u"Retried by a script"_s}) > first.outLine().toLongLong());
    QCOMPARE(cardCount(), before + 2);
}

// --- move, comment, checklist, attachments ------------------------------------------------------------------

void tst_Cli::shouldMoveCardToColumnBeforeAndAfterOthers()
{
    QVERIFY(useDemoBoard());
    const qint64 a = addCard({u"--title"_s, u"A"_s});
    const qint64 b = addCard({u"--title"_s, u"B"_s});
    const qint64 c = addCard({u"--title"_s, u"C"_s});
    QVERIFY(a && b && c);
    const auto lastThreeInDone = [&] {
        const QList<qint64> ids = idsOf(list({u"--column"_s, u"Done"_s}));
        return ids.size() < 3 ? ids : ids.mid(ids.size() - 3);
    };

    // WHEN A goes to Done (at the end), B before A, C after B
    const CliRun moved = runAs(s_admin, {u"move"_s, QString::number(a), u"--to"_s, u"Done"_s});
    QVERIFY_SUCCEEDS(moved);
    QCOMPARE(moved.outLine(), QString::number(versionOf(a)));
    QCOMPARE(idsOf(list({u"--column"_s, u"Done"_s})).constLast(), a);
    QVERIFY_SUCCEEDS(
            runAs(s_admin, {u"move"_s, QString::number(b), u"--to"_s, u"Done"_s, u"--before"_s, QString::number(a)}));
    QVERIFY_SUCCEEDS(
            runAs(s_admin, {u"move"_s, QString::number(c), u"--to"_s, u"Done"_s, u"--after"_s, QString::number(b)}));

    // THEN Done ends with B, C, A and To-do no longer has them
    QCOMPARE(lastThreeInDone(), (QList<qint64>{b, c, a}));
    QCOMPARE(show(c)[u"column"_s].toString(), u"Done"_s);
    const QList<qint64> todo = idsOf(list({u"--column"_s, u"To-do"_s}));
    QVERIFY(!todo.contains(a) && !todo.contains(b) && !todo.contains(c));

    // ... and moving inside a column reorders it
    QVERIFY_SUCCEEDS(
            runAs(s_admin, {u"move"_s, QString::number(a), u"--to"_s, u"Done"_s, u"--before"_s, QString::number(b)}));
    QCOMPARE(lastThreeInDone(), (QList<qint64>{a, b, c}));
}

void tst_Cli::shouldAddCommentFromTextAndStandardInput()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"Outlook asks for password"_s});

    const CliRun fromText = runAs(s_admin, {u"comment"_s, QString::number(id), u"--text"_s, u"Called back."_s});
    const QByteArray piped = "Reset the credential cache.\nUser confirms it works: “great”.\n";
    const CliRun fromStdin = runAs(s_editor, {u"comment"_s, QString::number(id), u"--text"_s, u"-"_s}, piped);

    QVERIFY_SUCCEEDS(fromText);
    QVERIFY_SUCCEEDS(fromStdin);
    QVERIFY(fromText.outLine().toLongLong() > 0);
    QVERIFY(fromStdin.outLine().toLongLong() > fromText.outLine().toLongLong());
    const QJsonObject card = show(id);
    QCOMPARE(card[u"comment_count"_s].toInt(), 2);
    const QJsonArray comments = card[u"comments"_s].toArray();
    QCOMPARE(comments.size(), 2);
    QCOMPARE(comments.at(0)[u"text"_s].toString(), u"Called back."_s);
    QCOMPARE(comments.at(0)[u"author"_s].toString(), s_admin);
    QCOMPARE(comments.at(0)[u"id"_s].toInteger(), fromText.outLine().toLongLong());
    QCOMPARE(comments.at(1)[u"text"_s].toString(), QString::fromUtf8(piped.chopped(1))); // echo's newline dropped
    QCOMPARE(comments.at(1)[u"author"_s].toString(), s_editor);
}

void tst_Cli::shouldTickAndUntickChecklistItems()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"New starter"_s});
    const QString card = QString::number(id);
    for (const QString &text : {u"Create account"_s, u"Order laptop"_s, u"Add to mailing lists"_s}) {
        const CliRun added = runAs(s_admin, {u"checklist"_s, card, u"--add"_s, text});
        QVERIFY_SUCCEEDS(added);
        QVERIFY(added.outLine().toLongLong() > 0);
    }
    const auto doneFlags = [&] {
        QList<bool> flags;
        for (const QJsonValue &item : show(id)[u"checklist"_s].toArray())
            flags << item[u"done"_s].toBool();
        return flags;
    };
    QCOMPARE(doneFlags(), (QList<bool>{false, false, false}));

    QVERIFY_SUCCEEDS(runAs(s_admin, {u"checklist"_s, card, u"--tick"_s, u"2"_s}));
    QCOMPARE(doneFlags(), (QList<bool>{false, true, false}));
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"checklist"_s, card, u"--tick"_s, u"3"_s}));
    QCOMPARE(doneFlags(), (QList<bool>{false, true, true}));
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"checklist"_s, card, u"--untick"_s, u"2"_s}));
    QCOMPARE(doneFlags(), (QList<bool>{false, false, true}));

    const QJsonObject shown = show(id);
    QCOMPARE(shown[u"checklist_done"_s].toInt(), 1);
    QCOMPARE(shown[u"checklist_total"_s].toInt(), 3);
    const QJsonObject third = shown[u"checklist"_s].toArray().at(2).toObject();
    QCOMPARE(third[u"position"_s].toInt(), 3);
    QCOMPARE(third[u"text"_s].toString(), u"Add to mailing lists"_s);
    QCOMPARE(third[u"done_by"_s].toString(), s_editor);

    // Positions past either end are not found, and nothing changes
    const QByteArray before = sha256Of(m_board);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"checklist"_s, card, u"--tick"_s, u"4"_s}), Invalid);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"checklist"_s, card, u"--untick"_s, u"0"_s}), Invalid);
    QCOMPARE(sha256Of(m_board), before);
}

void tst_Cli::shouldStoreAttachmentAndSaveItBackIdentical()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"Install package for Finance"_s});

    // GIVEN a few hundred KiB of random bytes (more than one chunk)
    QList<quint32> words(300 * 1024 / 4 + 7);
    QRandomGenerator::global()->fillRange(words.data(), words.size());
    const QByteArray content(reinterpret_cast<const char *>(words.constData()), words.size() * 4);
    const QString original = m_dir->filePath(u"installer.bin"_s);
    QVERIFY(writeFile(original, content));

    // WHEN it is attached
    const CliRun attached = runAs(s_admin, {u"attach"_s, QString::number(id), original});

    // THEN the attachment id is printed and the card lists the file with its size and hash
    QVERIFY_SUCCEEDS(attached);
    const qint64 attachmentId = attached.outLine().toLongLong();
    QVERIFY(attachmentId > 0);
    const QJsonObject card = show(id);
    QCOMPARE(card[u"attachment_count"_s].toInt(), 1);
    const QJsonObject attachment = card[u"attachments"_s].toArray().at(0).toObject();
    QCOMPARE(attachment[u"id"_s].toInteger(), attachmentId);
    QCOMPARE(attachment[u"kind"_s].toString(), u"file"_s);
    QCOMPARE(attachment[u"name"_s].toString(), u"installer.bin"_s);
    QCOMPARE(attachment[u"size"_s].toInteger(), qint64(content.size()));
    QCOMPARE(attachment[u"sha256"_s].toString().toLatin1(), sha256Of(original));

    // ... and saving it back gives the same bytes
    const QString copy = m_dir->filePath(u"copy.bin"_s);
    QVERIFY_SUCCEEDS(runAs(s_viewer, {u"save-attachment"_s, QString::number(attachmentId), copy}));
    QCOMPARE(sha256Of(copy), sha256Of(original));

    // ... but never over an existing file
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"save-attachment"_s, QString::number(attachmentId), original}), Invalid);
    QCOMPARE(sha256Of(original), sha256Of(copy));
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"verify"_s}));
}

void tst_Cli::shouldLinkFileOnShare()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"Scanner manual"_s});

    const CliRun linked =
            runAs(s_admin, {u"attach"_s, QString::number(id), u"--link"_s, u"/srv/share/manuals/scanner.pdf"_s});

    QVERIFY_SUCCEEDS(linked);
    const QJsonObject attachment = show(id)[u"attachments"_s].toArray().at(0).toObject();
    QCOMPARE(attachment[u"id"_s].toInteger(), linked.outLine().toLongLong());
    QCOMPARE(attachment[u"kind"_s].toString(), u"link"_s);
    QCOMPARE(attachment[u"link"_s].toString(), u"/srv/share/manuals/scanner.pdf"_s);
    QCOMPARE(attachment[u"name"_s].toString(), u"scanner.pdf"_s);
}

void tst_Cli::shouldRejectAttachmentLargerThanBoardLimit()
{
    // GIVEN a board whose admin set a 4 KiB attachment limit
    QVERIFY(useDemoBoard());
    {
        hb::storage::StoreOptions options;
        options.login = s_admin;
        auto store = hb::storage::BoardStore::open(m_board, options);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        const auto set = store.value()->setSetting(u"attachment_limit_bytes"_s, u"4096"_s);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
    }
    const qint64 id = addCard({u"--title"_s, u"Screenshot"_s});
    const QString big = m_dir->filePath(u"big.png"_s);
    QVERIFY(writeFile(big, QByteArray(4097, 'x')));
    const QByteArray before = sha256Of(m_board);

    // WHEN a larger file is attached, THEN it is refused and nothing is recorded
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"attach"_s, QString::number(id), big}), Invalid);
    QCOMPARE(show(id)[u"attachments"_s].toArray().size(), 0);
    QCOMPARE(sha256Of(m_board), before);

    // ... while a file within the limit is fine
    const QString small = m_dir->filePath(u"small.png"_s);
    QVERIFY(writeFile(small, QByteArray(4096, 'y')));
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"attach"_s, QString::number(id), small}));
    QCOMPARE(show(id)[u"attachments"_s].toArray().size(), 1);
}

// --- list, show, archive ------------------------------------------------------------------------------------

void tst_Cli::shouldListCardsMatchingFilter_data()
{
    QTest::addColumn<QStringList>("filter");
    QTest::addColumn<CardRule>("rule");
    QTest::addColumn<bool>("narrows"); ///< the demo board has some cards that match and some that do not

    QTest::newRow("column") << QStringList{u"--column"_s, u"Doing"_s} << fieldIs(u"column"_s, u"Doing"_s) << true;
    QTest::newRow("overdue") << QStringList{u"--overdue"_s} << CardRule(isOpenAndOverdue) << true;
    QTest::newRow("due soon") << QStringList{u"--due-soon"_s} << CardRule(isOpenAndDueWithinDay) << true;
    QTest::newRow("unassigned") << QStringList{u"--unassigned"_s} << fieldIsNull(u"assignee"_s) << true;
    QTest::newRow("mine") << QStringList{u"--mine"_s} << fieldIs(u"assignee"_s, s_admin) << true;
    QTest::newRow("assignee") << QStringList{u"--assignee"_s, s_editor} << fieldIs(u"assignee"_s, s_editor) << true;
    QTest::newRow("label") << QStringList{u"--label"_s, u"Network"_s} << hasAnyLabel({u"Network"_s}) << true;
    QTest::newRow("either of two labels") << QStringList{u"--label"_s, u"network"_s, u"--label"_s, u"Onboarding"_s}
                                          << hasAnyLabel({u"Network"_s, u"Onboarding"_s}) << true;
    QTest::newRow("priority") << QStringList{u"--priority"_s, u"high"_s} << fieldIs(u"priority"_s, u"high"_s) << true;
    QTest::newRow("priority at least") << QStringList{u"--priority"_s, u"high"_s, u"--at-least"_s}
                                       << priorityAtLeast(u"high"_s) << true;
    QTest::newRow("requester") << QStringList{u"--requester"_s, u"SALES"_s} << requesterContains(u"sales"_s) << true;
    QTest::newRow("channel") << QStringList{u"--channel"_s, u"portal"_s} << fieldIs(u"channel"_s, u"portal"_s) << true;
    QTest::newRow("status") << QStringList{u"--status"_s, u"blocked"_s} << fieldIs(u"status"_s, u"blocked"_s) << true;
    QTest::newRow("either of two statuses")
            << QStringList{u"--status"_s, u"in-progress"_s, u"--status"_s, u"needs-review"_s}
            << either(fieldIs(u"status"_s, u"in-progress"_s), fieldIs(u"status"_s, u"needs-review"_s)) << true;
    for (const QString &query : {u"password"_s, u"passw"_s, u"laptop"_s, u"WINDOW"_s, u"microsoft insta"_s}) {
        QTest::addRow("search \"%s\"", qPrintable(query))
                << QStringList{u"--search"_s, query} << searchFinds(query) << true;
    }
    QTest::newRow("search without hits") << QStringList{u"--search"_s, u"zzyzx"_s} << searchFinds(u"zzyzx"_s) << false;
    QTest::newRow("column and unassigned")
            << QStringList{u"--column"_s, u"To-do"_s, u"--unassigned"_s}
            << both(fieldIs(u"column"_s, u"To-do"_s), fieldIsNull(u"assignee"_s)) << true;
    QTest::newRow("no filter") << QStringList{} << CardRule([](const QJsonObject &, qint64) { return true; }) << false;
}

void tst_Cli::shouldListCardsMatchingFilter()
{
    QFETCH(QStringList, filter);
    QFETCH(CardRule, rule);
    QFETCH(bool, narrows);

    // GIVEN the demo board with one archived card (list leaves archived cards out)
    QVERIFY(useDemoBoard());
    const QJsonArray all = exportedCards();
    QVERIFY(!all.isEmpty());
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"archive"_s, QString::number(all.at(0)[u"id"_s].toInteger())}));
    const QJsonArray cards = exportedCards();

    // WHEN
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const CliRun listed = runAs(s_admin, QStringList{u"list"_s, u"--json"_s} + filter);

    // THEN it lists exactly the cards the rule picks from the export
    QVERIFY_SUCCEEDS(listed);
    QList<qint64> expected;
    int live = 0;
    for (const QJsonValue &value : cards) {
        const QJsonObject card = value.toObject();
        if (!card[u"archived"_s].isNull())
            continue;
        ++live;
        if (rule(card, now))
            expected << card[u"id"_s].toInteger();
    }
    const QJsonArray listedCards = parseJson(listed.out).toArray();
    QCOMPARE(sorted(idsOf(listedCards)), sorted(expected));

    // ... in board order: column by column
    QList<qint64> columnOrder;
    for (const QJsonValue &column : exportBoard().value(u"columns"_s).toArray())
        columnOrder << column[u"id"_s].toInteger();
    qsizetype lastColumn = 0;
    for (const QJsonValue &card : listedCards) {
        const qsizetype column = columnOrder.indexOf(card[u"column_id"_s].toInteger());
        QVERIFY(column >= lastColumn);
        lastColumn = column;
    }
    if (narrows)
        QVERIFY2(!expected.isEmpty() && expected.size() < live, "the demo board no longer exercises this filter");
}

void tst_Cli::shouldPrintListAsTable()
{
    QVERIFY(useDemoBoard());
    const QList<qint64> expected = idsOf(list({u"--assignee"_s, s_editor}));
    QVERIFY(!expected.isEmpty());

    const CliRun table = runAs(s_admin, {u"list"_s, u"--assignee"_s, s_editor});

    QVERIFY_SUCCEEDS(table);
    QStringList lines = QString::fromUtf8(table.out).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.takeFirst().contains(u"TITLE"_s));
    QList<qint64> shown;
    for (const QString &line : std::as_const(lines)) {
        shown << line.section(u' ', 0, 0).toLongLong();
        QVERIFY(line.contains(s_editor));
    }
    QCOMPARE(shown, expected);
    QCOMPARE(QString::fromUtf8(table.err).trimmed(), u"%1 card(s)"_s.arg(expected.size()));
}

void tst_Cli::shouldShowCardWithChecklistLabelsCommentsAttachmentsAndHistory()
{
    // GIVEN a demo card with checklist items, comments and labels, plus an attachment
    QVERIFY(useDemoBoard());
    QJsonObject exported;
    for (const QJsonValue &card : exportedCards()) {
        if (card[u"checklist_total"_s].toInt() > 0 && card[u"comment_count"_s].toInt() > 0
            && !card[u"labels"_s].toArray().isEmpty()) {
            exported = card.toObject();
            break;
        }
    }
    QVERIFY2(!exported.isEmpty(), "the demo board has no card with checklist, comments and labels");
    const QString id = QString::number(exported[u"id"_s].toInteger());
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"attach"_s, id, u"--link"_s, u"/srv/share/notes.txt"_s}));

    // WHEN
    const CliRun json = runAs(s_viewer, {u"show"_s, id, u"--json"_s});
    const CliRun text = runAs(s_viewer, {u"show"_s, id});

    // THEN the JSON has the card and everything attached to it, history oldest first
    QVERIFY_SUCCEEDS(json);
    const QJsonObject card = parseJson(json.out).toObject();
    QCOMPARE(card[u"title"_s].toString(), exported[u"title"_s].toString());
    QVERIFY(card[u"version"_s].toInteger() >= 1);
    QCOMPARE(stringsOf(card[u"labels"_s].toArray()), stringsOf(exported[u"labels"_s].toArray()));
    const QJsonArray checklist = card[u"checklist"_s].toArray();
    QCOMPARE(checklist.size(), exported[u"checklist_total"_s].toInt());
    for (int i = 0; i < checklist.size(); ++i) {
        QCOMPARE(checklist.at(i)[u"position"_s].toInt(), i + 1);
        QVERIFY(checklist.at(i)[u"done"_s].isBool());
        QVERIFY(!checklist.at(i)[u"text"_s].toString().isEmpty());
    }
    QCOMPARE(card[u"comments"_s].toArray().size(), exported[u"comment_count"_s].toInt());
    QCOMPARE(card[u"attachments"_s].toArray().size(), exported[u"attachment_count"_s].toInt() + 1);
    const QJsonArray history = card[u"history"_s].toArray();
    QVERIFY(history.size() >= 2);
    QCOMPARE(history.first()[u"kind"_s].toString(), u"card.created"_s);
    QCOMPARE(history.last()[u"kind"_s].toString(), u"attachment.linked"_s);
    for (int i = 1; i < history.size(); ++i)
        QVERIFY(history.at(i)[u"seq"_s].toInteger() > history.at(i - 1)[u"seq"_s].toInteger());

    // ... and the text form shows the same card for people
    QVERIFY_SUCCEEDS(text);
    const QString shown = QString::fromUtf8(text.out);
    QVERIFY(shown.startsWith(u"#"_s + id + u"  "_s + card[u"title"_s].toString()));
    for (const QString &expected :
         {u"Version"_s, u"Checklist"_s, u"Comments"_s, u"Attachments"_s, u"History"_s, u"card.created"_s})
        QVERIFY2(shown.contains(expected), qPrintable(expected));
}

void tst_Cli::shouldArchiveAndRestoreCard()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"Old ticket"_s, u"--column"_s, u"Done"_s});
    const auto doneCount = [&] {
        const CliRun columns = runAs(s_admin, {u"columns"_s, u"--json"_s});
        return parseJson(columns.out).toArray().at(2)[u"card_count"_s].toInt();
    };
    const int before = doneCount();

    // WHEN archived, THEN it leaves the board but not the file
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"archive"_s, QString::number(id)}));
    QVERIFY(!idsOf(list({})).contains(id));
    QVERIFY(idsOf(list({u"--archived"_s})).contains(id));
    QVERIFY(!show(id)[u"archived"_s].isNull());
    QCOMPARE(doneCount(), before - 1);

    // WHEN restored, THEN it is back
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"restore"_s, QString::number(id)}));
    QVERIFY(idsOf(list({})).contains(id));
    QVERIFY(show(id)[u"archived"_s].isNull());
    QCOMPARE(show(id)[u"column"_s].toString(), u"Done"_s);
    QCOMPARE(doneCount(), before);
}

// --- members and roles --------------------------------------------------------------------------------------

void tst_Cli::shouldListAddAndRemoveMembers()
{
    QVERIFY(useDemoBoard());
    const auto membersJson = [&] { return parseJson(runAs(s_admin, {u"members"_s, u"--json"_s}).out).toArray(); };
    const auto roles = [&] {
        QHash<QString, QString> result;
        for (const QJsonValue &member : membersJson())
            result.insert(member[u"login"_s].toString(), member[u"role"_s].toString());
        return result;
    };

    // The table and the JSON list the same members
    const CliRun table = runAs(s_admin, {u"members"_s});
    QVERIFY_SUCCEEDS(table);
    const QHash<QString, QString> before = roles();
    QCOMPARE(before.size(), 5);
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const QRegularExpression line(u"^"_s + it.key() + u"\\s+"_s + it.value() + u"\\b"_s,
                                      QRegularExpression::MultilineOption);
        QVERIFY2(QString::fromUtf8(table.out).contains(line), qPrintable(it.key()));
    }

    // WHEN the admin adds a viewer, THEN that login can read but not write
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"members"_s, u"--add"_s, u"zoe"_s, u"--role"_s, u"viewer"_s, u"--name"_s,
                                     u"Zoe Stakeholder"_s}));
    bool found = false;
    for (const QJsonValue &member : membersJson()) {
        QVERIFY(member.toObject().contains(u"name"_s));
        if (member[u"login"_s].toString() == u"zoe") {
            found = true;
            QCOMPARE(member[u"role"_s].toString(), u"viewer"_s);
            QCOMPARE(member[u"name"_s].toString(), u"Zoe Stakeholder"_s);
        }
    }
    QVERIFY(found);
    QVERIFY_SUCCEEDS(runAs(u"zoe"_s, {u"list"_s}));
    const QByteArray hash = sha256Of(m_board);
    QVERIFY_FAILS_WITH(runAs(u"zoe"_s, {u"add"_s, u"--title"_s, u"x"_s}), Forbidden);
    QCOMPARE(sha256Of(m_board), hash);

    // WHEN the admin removes them, THEN they are gone from the list
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"members"_s, u"--remove"_s, u"zoe"_s}));
    QCOMPARE(roles(), before);
}

void tst_Cli::shouldForbidEditorToChangeMembers()
{
    QVERIFY(useDemoBoard());
    const QByteArray before = sha256Of(m_board);

    QVERIFY_FAILS_WITH(runAs(s_editor, {u"members"_s, u"--add"_s, u"zoe"_s, u"--role"_s, u"viewer"_s}), Forbidden);
    QVERIFY_FAILS_WITH(runAs(s_editor, {u"members"_s, u"--add"_s, s_editor, u"--role"_s, u"admin"_s}), Forbidden);
    QVERIFY_FAILS_WITH(runAs(s_editor, {u"members"_s, u"--remove"_s, s_viewer}), Forbidden);
    QCOMPARE(sha256Of(m_board), before);
}

void tst_Cli::shouldForbidViewerToChangeCards_data()
{
    QTest::addColumn<QStringList>("command");

    QTest::newRow("add") << QStringList{u"add"_s, u"--title"_s, u"x"_s};
    QTest::newRow("edit") << QStringList{u"edit"_s, u"1"_s, u"--title"_s, u"x"_s};
    QTest::newRow("move") << QStringList{u"move"_s, u"1"_s, u"--to"_s, u"Done"_s};
    QTest::newRow("comment") << QStringList{u"comment"_s, u"1"_s, u"--text"_s, u"x"_s};
    QTest::newRow("comment from stdin") << QStringList{u"comment"_s, u"1"_s, u"--text"_s, u"-"_s};
    QTest::newRow("checklist") << QStringList{u"checklist"_s, u"1"_s, u"--add"_s, u"x"_s};
    QTest::newRow("attach link") << QStringList{u"attach"_s, u"1"_s, u"--link"_s, u"/srv/x"_s};
    QTest::newRow("archive") << QStringList{u"archive"_s, u"1"_s};
    QTest::newRow("members") << QStringList{u"members"_s, u"--add"_s, u"zoe"_s, u"--role"_s, u"viewer"_s};
}

void tst_Cli::shouldForbidViewerToChangeCards()
{
    QFETCH(QStringList, command);
    QVERIFY(useDemoBoard());
    const QByteArray before = sha256Of(m_board);

    QVERIFY_FAILS_WITH(runAs(s_viewer, command, "text from stdin"), Forbidden);
    QCOMPARE(sha256Of(m_board), before);
    QVERIFY_SUCCEEDS(runAs(s_viewer, {u"show"_s, u"1"_s}));
}

// --- export, verify, backup ---------------------------------------------------------------------------------

void tst_Cli::shouldExportBoardToStandardOutputAndFile()
{
    QVERIFY(useDemoBoard());

    // WHEN exported to standard output
    const CliRun exported = runAs(s_viewer, {u"export"_s, u"--json"_s});

    // THEN it is the documented format with everything on the board
    QVERIFY_SUCCEEDS(exported);
    const QJsonObject board = parseJson(exported.out).toObject();
    QCOMPARE(board[u"format"_s].toString(), u"helpboard-export"_s);
    QCOMPARE(board[u"format_version"_s].toInt(), 1);
    QVERIFY(!board[u"board"_s].toString().isEmpty());
    QCOMPARE(board[u"members"_s].toArray().size(), 5);
    QCOMPARE(board[u"columns"_s].toArray().size(), 3);
    QCOMPARE(board[u"labels"_s].toArray().size(), 5);
    const QJsonArray cards = board[u"cards"_s].toArray();
    int perColumn = 0;
    for (const QJsonValue &column : board[u"columns"_s].toArray())
        perColumn += column[u"card_count"_s].toInt();
    QCOMPARE(perColumn, cards.size());
    QCOMPARE(sorted(idsOf(list({}))), sorted(idsOf(cards)));
    QVERIFY(board[u"events"_s].toArray().size() >= cards.size());

    // WHEN exported to a file, THEN the file has the same content and stdout is quiet
    const QString file = m_dir->filePath(u"board.json"_s);
    const CliRun toFile = runAs(s_viewer, {u"export"_s, u"--json"_s, file});
    QVERIFY_SUCCEEDS(toFile);
    QVERIFY(toFile.out.isEmpty());
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QJsonObject fromFile = parseJson(written.readAll()).toObject();
    QCOMPARE(fromFile[u"format"_s].toString(), u"helpboard-export"_s);
    fromFile.remove(u"exported"_s);
    QJsonObject fromStdout = board;
    fromStdout.remove(u"exported"_s);
    QCOMPARE(QJsonDocument(fromFile).toJson(), QJsonDocument(fromStdout).toJson());
}

void tst_Cli::shouldReportFileSystemErrorWhenExportCannotBeWritten()
{
    QVERIFY(useDemoBoard());
    const QByteArray before = sha256Of(m_board);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"export"_s, u"--json"_s, u"%DIR%/no/such/folder/board.json"_s}), IoError);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"no"_s)));
    QCOMPARE(sha256Of(m_board), before);
}

void tst_Cli::shouldVerifySoundBoard()
{
    QVERIFY(useDemoBoard());
    const CliRun verified = runAs(s_viewer, {u"verify"_s});
    QVERIFY_SUCCEEDS(verified);
    QVERIFY2(verified.out.startsWith("ok"), verified.out);
    QVERIFY(verified.err.isEmpty());
}

void tst_Cli::shouldBackUpToNewFileOnly()
{
    QVERIFY(useDemoBoard());
    const QString backup = m_dir->filePath(u"backup.helpboard"_s);

    // WHEN
    const CliRun made = runAs(s_admin, {u"backup"_s, backup});

    // THEN the copy is a sound board with the same cards
    QVERIFY_SUCCEEDS(made);
    QCOMPARE(made.outLine(), QFileInfo(backup).absoluteFilePath());
    QVERIFY_SUCCEEDS(run({u"--board"_s, backup, u"--as"_s, s_admin, u"verify"_s}));
    QCOMPARE(list({}, backup), list({}));

    // ... and a second backup to the same name is refused
    const QByteArray before = sha256Of(backup);
    const QByteArray board = sha256Of(m_board);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"backup"_s, backup}), Invalid);
    QCOMPARE(sha256Of(backup), before);
    QCOMPARE(sha256Of(m_board), board);
}

// --- exit codes for the file and the other users ------------------------------------------------------------

void tst_Cli::shouldReportBusyWhileAnotherWriterHoldsLock()
{
    QVERIFY(useDemoBoard());
    const int before = cardCount();
    const QStringList add{u"--board"_s, m_board,  u"--as"_s,    s_admin, u"--busy-timeout"_s,
                          u"0.5"_s,     u"add"_s, u"--title"_s, u"x"_s};
    const QString connection = u"lock-holder"_s;
    {
        // GIVEN another writer in the middle of a transaction
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(m_board);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY2(query.exec(u"BEGIN IMMEDIATE"_s), qPrintable(query.lastError().text()));
        QVERIFY2(query.exec(u"INSERT INTO meta (key, value) VALUES ('tst_cli', 'holding the lock')"_s),
                 qPrintable(query.lastError().text()));

        // WHEN the CLI writes, THEN it gives up after its busy timeout
        QElapsedTimer timer;
        timer.start();
        const CliRun busy = run(add);
        QVERIFY_FAILS_WITH(busy, Busy);
        QVERIFY2(timer.elapsed() < 5'000, qPrintable(QString::number(timer.elapsed())));

        // AND reading is not held up by someone else's save (the rollback journal lets readers in)
        timer.restart();
        const CliRun listed =
                run({u"--board"_s, m_board, u"--as"_s, s_admin, u"--busy-timeout"_s, u"10"_s, u"list"_s, u"--json"_s});
        QVERIFY_SUCCEEDS(listed);
        QCOMPARE(QJsonDocument::fromJson(listed.out).array().size(), before);
        QVERIFY2(timer.elapsed() < 5'000, qPrintable(QString::number(timer.elapsed())));

        QVERIFY(query.exec(u"ROLLBACK"_s));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    QCOMPARE(cardCount(), before);

    // ... and once the other writer is done, the same command works
    QVERIFY_SUCCEEDS(run(add));
    QCOMPARE(cardCount(), before + 1);
}

void tst_Cli::shouldOpenReadOnlyFileForReadingButRefuseChanges()
{
    if (::geteuid() != 0)
        QSKIP("needs root to run the CLI as another user (permission bits do not stop root)");
    const QString setpriv = QStandardPaths::findExecutable(u"setpriv"_s);
    if (setpriv.isEmpty())
        QSKIP("setpriv (util-linux) is not installed");
    const QStringList asNobody{u"--reuid=65534"_s, u"--regid=65534"_s, u"--clear-groups"_s, m_cli};
    if (execute(setpriv, asNobody + QStringList{u"--version"_s}).exitCode != Ok)
        QSKIP("the helpboard-cli binary cannot be run by uid 65534 from where it was built");

    // GIVEN a board that root owns, in a folder that others may read but not write
    const QString shared = m_dir->filePath(u"share"_s);
    QVERIFY(QDir().mkdir(shared));
    const auto readable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                          | QFile::ReadOther | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(m_dir->path(), readable));
    QVERIFY(QFile::setPermissions(shared, readable));
    const QString board = shared + u"/board.helpboard"_s;
    QVERIFY(QFile::copy(m_template, board));
    QVERIFY(QFile::setPermissions(board, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    const QByteArray before = sha256Of(board);
    const QStringList onBoard = asNobody + QStringList{u"--board"_s, board, u"--as"_s, u"bob"_s};

    // WHEN an unprivileged user changes it, THEN the CLI says it is read-only
    const CliRun add = execute(setpriv, onBoard + QStringList{u"add"_s, u"--title"_s, u"x"_s});
    QVERIFY_FAILS_WITH(add, Forbidden);
    QVERIFY2(add.err.contains("read-only"), add.err);
    QCOMPARE(sha256Of(board), before);

    // ... but reading works
    const CliRun listed = execute(setpriv, onBoard + QStringList{u"list"_s, u"--json"_s});
    QVERIFY_SUCCEEDS(listed);
    QCOMPARE(parseJson(listed.out).toArray().size(), list({}, board).size());
    QCOMPARE(sha256Of(board), before);
}

void tst_Cli::shouldRefuseFileThatIsNotUsableBoard_data()
{
    QTest::addColumn<QString>("damage");

    QTest::newRow("text file") << u"text"_s;
    QTest::newRow("SQLite database that is not a board") << u"foreign"_s;
    QTest::newRow("board from a newer HelpBoard") << u"too-new"_s;
    QTest::newRow("board cut short") << u"truncated"_s;
    QTest::newRow("board with garbage in the middle") << u"overwritten"_s;
}

void tst_Cli::shouldRefuseFileThatIsNotUsableBoard()
{
    QFETCH(QString, damage);

    // GIVEN
    if (damage == u"text") {
        QVERIFY(writeFile(m_board, "Minutes of the help-desk meeting\n"));
    } else if (damage == u"foreign") {
        QCOMPARE(
                rawSql(m_board, {u"CREATE TABLE recipes (name TEXT)"_s, u"INSERT INTO recipes VALUES ('tea')"_s}).error,
                QString());
    } else {
        QVERIFY(useDemoBoard());
        if (damage == u"too-new") {
            QCOMPARE(rawSql(m_board, {u"PRAGMA user_version = 99"_s}).error, QString());
        } else if (damage == u"truncated") {
            QFile file(m_board);
            QVERIFY(file.resize(file.size() / 2));
        } else {
            // Make the next open run its quick_check, then overwrite 4 KiB in the middle.
            QCOMPARE(rawSql(m_board, {u"UPDATE meta SET value = '0' WHERE key = 'last_check_at'"_s}).error, QString());
            QFile file(m_board);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek(file.size() / 2));
            QCOMPARE(file.write(QByteArray(4096, char(0xff))), 4096);
        }
    }
    const QByteArray before = sha256Of(m_board);

    // WHEN any command opens it, THEN it is refused with one clear line and the file is untouched
    for (const QStringList &command : {QStringList{u"verify"_s}, QStringList{u"list"_s},
                                       QStringList{u"add"_s, u"--title"_s, u"x"_s}, QStringList{u"init"_s}}) {
        const CliRun refused = runAs(s_admin, command);
        if (damage == u"overwritten" && command.constFirst() == u"verify") {
            // verify reads a damaged board as far as it can and lists what is wrong on standard output
            QCOMPARE(refused.exitCode, int(BadBoard));
            QVERIFY2(refused.out.startsWith("integrity: "), refused.out);
            QCOMPARE(refused.err.count('\n'), 1);
            QVERIFY2(refused.err.startsWith("helpboard-cli: "), refused.err);
            QCOMPARE(sha256Of(m_board), before);
            continue;
        }
        QVERIFY_FAILS_WITH(refused, command.constFirst() == u"init" ? Invalid : BadBoard);
        QVERIFY2(refused.err.contains(QFileInfo(m_board).fileName().toUtf8()), refused.err);
        QCOMPARE(sha256Of(m_board), before);
    }
}

// --- usage and invalid input --------------------------------------------------------------------------------

void tst_Cli::shouldPrintUsageAndVersion_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");

    QTest::newRow("--help") << QStringList{u"--help"_s} << u"^Usage: helpboard-cli "_s;
    QTest::newRow("-h") << QStringList{u"-h"_s} << u"^Usage: helpboard-cli "_s;
    QTest::newRow("help command") << QStringList{u"--board"_s, u"%DIR%/none"_s, u"help"_s}
                                  << u"^Usage: helpboard-cli "_s;
    QTest::newRow("--version") << QStringList{u"--version"_s} << u"^helpboard-cli \\d+\\.\\d+\\.\\d+\n$"_s;
}

void tst_Cli::shouldPrintUsageAndVersion()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    args.replaceInStrings(u"%DIR%"_s, m_dir->path());

    const CliRun printed = run(args);

    QVERIFY_SUCCEEDS(printed);
    QVERIFY2(QString::fromUtf8(printed.out).contains(QRegularExpression(expected)), printed.out);
    QVERIFY(printed.err.isEmpty());
    if (expected.contains(u"Usage"_s)) {
        for (const QString &command : {u"init"_s, u"columns"_s, u"add"_s, u"edit"_s, u"move"_s, u"comment"_s,
                                       u"checklist"_s, u"attach"_s, u"save-attachment"_s, u"list"_s, u"show"_s,
                                       u"archive"_s, u"members"_s, u"export"_s, u"verify"_s, u"backup"_s})
            QVERIFY2(printed.out.contains(QByteArray("  " + command.toUtf8() + ' ')), qPrintable(command));
    }
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"none"_s)));
}

void tst_Cli::shouldRejectUsageErrorsWithoutWriting_data()
{
    QTest::addColumn<QStringList>("args"); ///< after --board FILE --as alice

    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s};
    QTest::newRow("unknown global option") << QStringList{u"--colour"_s, u"list"_s};
    QTest::newRow("unknown command option") << QStringList{u"list"_s, u"--colour"_s};
    QTest::newRow("global option without value") << QStringList{u"--as"_s};
    QTest::newRow("busy timeout not a number") << QStringList{u"--busy-timeout"_s, u"soon"_s, u"list"_s};
    QTest::newRow("op id not a UUID") << QStringList{u"--op-id"_s, u"42"_s, u"add"_s, u"--title"_s, u"x"_s};
    QTest::newRow("add without title") << QStringList{u"add"_s, u"--column"_s, u"Doing"_s};
    QTest::newRow("add with option but no value") << QStringList{u"add"_s, u"--title"_s};
    QTest::newRow("add with title twice") << QStringList{u"add"_s, u"--title"_s, u"a"_s, u"--title"_s, u"b"_s};
    QTest::newRow("add with stray argument") << QStringList{u"add"_s, u"--title"_s, u"a"_s, u"b"_s};
    QTest::newRow("edit without id") << QStringList{u"edit"_s, u"--title"_s, u"x"_s};
    QTest::newRow("edit without change") << QStringList{u"edit"_s, u"1"_s};
    QTest::newRow("edit due and no due") << QStringList{u"edit"_s, u"1"_s, u"--due"_s, u"2030-01-01"_s, u"--no-due"_s};
    QTest::newRow("edit assignee and unassign")
            << QStringList{u"edit"_s, u"1"_s, u"--assignee"_s, u"ben"_s, u"--unassign"_s};
    QTest::newRow("edit expect version not a number")
            << QStringList{u"edit"_s, u"1"_s, u"--title"_s, u"x"_s, u"--expect-version"_s, u"latest"_s};
    QTest::newRow("move without --to") << QStringList{u"move"_s, u"1"_s};
    QTest::newRow("move before and after")
            << QStringList{u"move"_s, u"1"_s, u"--to"_s, u"Doing"_s, u"--before"_s, u"2"_s, u"--after"_s, u"3"_s};
    QTest::newRow("comment without text") << QStringList{u"comment"_s, u"1"_s};
    QTest::newRow("checklist with two actions")
            << QStringList{u"checklist"_s, u"1"_s, u"--add"_s, u"x"_s, u"--tick"_s, u"1"_s};
    QTest::newRow("checklist without action") << QStringList{u"checklist"_s, u"1"_s};
    QTest::newRow("attach file and link") << QStringList{u"attach"_s, u"1"_s, u"f.txt"_s, u"--link"_s, u"/srv/x"_s};
    QTest::newRow("attach nothing") << QStringList{u"attach"_s, u"1"_s};
    QTest::newRow("save-attachment without file") << QStringList{u"save-attachment"_s, u"1"_s};
    QTest::newRow("show without id") << QStringList{u"show"_s};
    QTest::newRow("archive two ids") << QStringList{u"archive"_s, u"1"_s, u"2"_s};
    QTest::newRow("members add without role") << QStringList{u"members"_s, u"--add"_s, u"zoe"_s};
    QTest::newRow("members add and remove")
            << QStringList{u"members"_s, u"--add"_s, u"zoe"_s, u"--role"_s, u"viewer"_s, u"--remove"_s, u"ben"_s};
    QTest::newRow("export two files") << QStringList{u"export"_s, u"a.json"_s, u"b.json"_s};
    QTest::newRow("backup without file") << QStringList{u"backup"_s};
    QTest::newRow("init with argument") << QStringList{u"init"_s, u"now"_s};
}

void tst_Cli::shouldRejectUsageErrorsWithoutWriting()
{
    QFETCH(QStringList, args);
    QVERIFY(useDemoBoard());
    const QByteArray before = sha256Of(m_board);
    const QStringList filesBefore = filesIn(m_dir->path());

    const CliRun rejected = runAs(s_admin, args);

    QVERIFY_FAILS_WITH(rejected, Usage);
    QVERIFY2(rejected.err.contains("--help"), rejected.err);
    QCOMPARE(sha256Of(m_board), before);
    QCOMPARE(filesIn(m_dir->path()), filesBefore);
}

void tst_Cli::shouldRejectInvalidInputWithoutWriting_data()
{
    QTest::addColumn<QStringList>("args"); ///< after --board FILE --as alice; %DIR% is the test's folder

    const QStringList add{u"add"_s, u"--title"_s, u"New"_s};
    QTest::newRow("missing board file") << QStringList{u"--board"_s, u"%DIR%/missing.helpboard"_s, u"list"_s};
    QTest::newRow("add: unknown priority") << add + QStringList{u"--priority"_s, u"urgent"_s};
    QTest::newRow("add: unknown channel") << add + QStringList{u"--channel"_s, u"fax"_s};
    QTest::newRow("add: due not a date") << add + QStringList{u"--due"_s, u"tomorrow"_s};
    QTest::newRow("add: due impossible date") << add + QStringList{u"--due"_s, u"2030-02-30"_s};
    QTest::newRow("add: due impossible time") << add + QStringList{u"--due"_s, u"2030-01-02T25:00"_s};
    QTest::newRow("add: unknown status") << add + QStringList{u"--status"_s, u"done"_s};
    QTest::newRow("add: unknown label") << add + QStringList{u"--label"_s, u"Printers"_s};
    QTest::newRow("add: one unknown label of two")
            << add + QStringList{u"--label"_s, u"Hardware"_s, u"--label"_s, u"Printers"_s};
    QTest::newRow("add: unknown column") << add + QStringList{u"--column"_s, u"Backlog"_s};
    QTest::newRow("add: unknown assignee") << add + QStringList{u"--assignee"_s, u"nobody-here"_s};
    QTest::newRow("add: blank title") << QStringList{u"add"_s, u"--title"_s, u"   "_s};
    QTest::newRow("add: title too long") << QStringList{u"add"_s, u"--title"_s, QString(501, u'x')};
    QTest::newRow("edit: missing card") << QStringList{u"edit"_s, u"9999"_s, u"--title"_s, u"x"_s};
    QTest::newRow("edit: not an id") << QStringList{u"edit"_s, u"first"_s, u"--title"_s, u"x"_s};
    QTest::newRow("edit: unknown priority") << QStringList{u"edit"_s, u"1"_s, u"--priority"_s, u"urgent"_s};
    QTest::newRow("edit: unknown status") << QStringList{u"edit"_s, u"1"_s, u"--status"_s, u"done"_s};
    QTest::newRow("edit: unknown channel") << QStringList{u"edit"_s, u"1"_s, u"--channel"_s, u"fax"_s};
    QTest::newRow("edit: unknown assignee") << QStringList{u"edit"_s, u"1"_s, u"--assignee"_s, u"nobody-here"_s};
    QTest::newRow("edit: bad due") << QStringList{u"edit"_s, u"1"_s, u"--due"_s, u"2030-13-01"_s};
    QTest::newRow("edit: blank title") << QStringList{u"edit"_s, u"1"_s, u"--title"_s, u""_s};
    QTest::newRow("move: unknown column") << QStringList{u"move"_s, u"1"_s, u"--to"_s, u"Backlog"_s};
    QTest::newRow("move: missing card") << QStringList{u"move"_s, u"9999"_s, u"--to"_s, u"Doing"_s};
    QTest::newRow("move: before missing card")
            << QStringList{u"move"_s, u"1"_s, u"--to"_s, u"Doing"_s, u"--before"_s, u"9999"_s};
    QTest::newRow("comment: empty") << QStringList{u"comment"_s, u"1"_s, u"--text"_s, u""_s};
    QTest::newRow("comment: empty stdin") << QStringList{u"comment"_s, u"1"_s, u"--text"_s, u"-"_s};
    QTest::newRow("comment: missing card") << QStringList{u"comment"_s, u"9999"_s, u"--text"_s, u"hi"_s};
    QTest::newRow("checklist: empty item") << QStringList{u"checklist"_s, u"1"_s, u"--add"_s, u""_s};
    QTest::newRow("checklist: position 0") << QStringList{u"checklist"_s, u"1"_s, u"--tick"_s, u"0"_s};
    QTest::newRow("checklist: past the end") << QStringList{u"checklist"_s, u"1"_s, u"--tick"_s, u"99"_s};
    QTest::newRow("checklist: not a position") << QStringList{u"checklist"_s, u"1"_s, u"--untick"_s, u"two"_s};
    QTest::newRow("checklist: missing card") << QStringList{u"checklist"_s, u"9999"_s, u"--add"_s, u"x"_s};
    QTest::newRow("attach: missing file") << QStringList{u"attach"_s, u"1"_s, u"%DIR%/missing.pdf"_s};
    QTest::newRow("attach: missing card") << QStringList{u"attach"_s, u"9999"_s, u"--link"_s, u"/srv/x"_s};
    QTest::newRow("save-attachment: missing attachment")
            << QStringList{u"save-attachment"_s, u"9999"_s, u"%DIR%/out.bin"_s};
    QTest::newRow("save-attachment: over existing file")
            << QStringList{u"save-attachment"_s, u"1"_s, u"%DIR%/existing.txt"_s};
    QTest::newRow("show: missing card") << QStringList{u"show"_s, u"9999"_s};
    QTest::newRow("show: not an id") << QStringList{u"show"_s, u"x1"_s};
    QTest::newRow("archive: missing card") << QStringList{u"archive"_s, u"9999"_s};
    QTest::newRow("restore: missing card") << QStringList{u"restore"_s, u"9999"_s};
    QTest::newRow("list: unknown priority") << QStringList{u"list"_s, u"--priority"_s, u"urgent"_s};
    QTest::newRow("list: unknown status") << QStringList{u"list"_s, u"--status"_s, u"done"_s};
    QTest::newRow("list: unknown label") << QStringList{u"list"_s, u"--label"_s, u"Printers"_s};
    QTest::newRow("list: unknown column") << QStringList{u"list"_s, u"--column"_s, u"Backlog"_s};
    QTest::newRow("members: unknown role") << QStringList{u"members"_s, u"--add"_s, u"zoe"_s, u"--role"_s, u"boss"_s};
    QTest::newRow("members: remove non-member") << QStringList{u"members"_s, u"--remove"_s, u"nobody-here"_s};
    QTest::newRow("backup: over existing file") << QStringList{u"backup"_s, u"%DIR%/existing.txt"_s};
}

void tst_Cli::shouldRejectInvalidInputWithoutWriting()
{
    QFETCH(QStringList, args);
    QVERIFY(useDemoBoard());
    const QString existing = m_dir->filePath(u"existing.txt"_s);
    QVERIFY(writeFile(existing, "keep me\n"));
    const QByteArray before = sha256Of(m_board);
    const int cardsBefore = cardCount();
    const QStringList filesBefore = filesIn(m_dir->path());

    const CliRun rejected = runAs(s_admin, args);

    QVERIFY_FAILS_WITH(rejected, Invalid);
    QCOMPARE(sha256Of(m_board), before);
    QCOMPARE(cardCount(), cardsBefore);
    QCOMPARE(filesIn(m_dir->path()), filesBefore);
    QCOMPARE(sha256Of(existing), QCryptographicHash::hash("keep me\n", QCryptographicHash::Sha256).toHex());
}

QTEST_GUILESS_MAIN(tst_Cli)

#include "tst_cli.moc"
