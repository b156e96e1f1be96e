// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-stress-driver: one writer on a board file, for the multi-process stress and crash tests. It does mixed
// card work through BoardStore, as a desktop would, and logs every operation and the store's answer (stresslog.h).
//
//   stress: prints "ready", waits for a line on standard input, does --ops operations, flushing the log after each.
//   crash:  prints "started" and works until it is killed; each record is synced to the disk before going on, the
//           "begin" record before the call and the "done" record only after the call (and its commit) returned.
#include "stress/stresslog.h"

#include <storage/boardstore.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QRandomGenerator>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace hb::storage;
using namespace hb::stress;

namespace {

// Crash mode stops by itself after this long, in case the test that should kill it is gone.
constexpr int s_crashModeLifetimeMs = 60'000;
// How often the stress mode reads the card list again, to act on other drivers' cards too.
constexpr int s_refreshEvery = 20;
// Stress attachments are small; crash attachments span several of the store's 512 KiB chunks.
constexpr qint64 s_smallAttachmentMin = 1024;
constexpr qint64 s_smallAttachmentMax = 6 * 1024;
constexpr qint64 s_largeAttachmentMin = 600 * 1024;
constexpr qint64 s_largeAttachmentMax = 1600 * 1024;

struct Settings
{
    bool crashMode = false;
    QString board;
    QString login;
    QString logPath;
    QString folder; ///< where the attachment source files are written
    quint32 seed = 1;
    int ops = 500;
    int hot = 0; ///< the first (lowest id) cards many drivers aim at, so that edits meet
    int round = 0;
};

struct SeenCard
{
    qint64 version = 0;
    qint64 columnId = 0;
};

class Driver
{
public:
    Driver(const Settings &settings, BoardStore &store, QFile &log)
        : m_settings(settings)
        , m_store(store)
        , m_log(log)
        , m_random(settings.seed)
    {
        m_store.setWaitObserver([this] { ++m_waits; });
    }

    bool setUp(QString *error)
    {
        auto columns = m_store.columns();
        if (!columns) {
            *error = columns.error().message;
            return false;
        }
        for (const Column &column : *columns)
            m_columns << column.id;
        if (m_columns.size() < 2) {
            *error = QStringLiteral("the board needs two columns at least");
            return false;
        }
        refreshCards();
        return true;
    }

    /// Why the last runOne() could not go on.
    QString failure() const { return m_failure.isEmpty() ? QStringLiteral("cannot write the log") : m_failure; }

    /// Does operation number @p n; false when the driver cannot go on (a log or attachment file cannot be written).
    bool runOne(int n)
    {
        if (n % s_refreshEvery == 0)
            refreshCards();
        LoggedOp op;
        op.opId = QUuid::createUuid();
        const int roll = int(m_random.bounded(100));
        if (m_cards.isEmpty() || roll < 15)
            return createCard(op, n);
        if (roll < 45)
            return editCard(op, n);
        if (roll < 62)
            return moveCard(op);
        if (roll < 77)
            return addComment(op, n);
        if (roll < (m_settings.crashMode ? 85 : 90))
            return checklist(op, n);
        return attach(op, n);
    }

private:
    void refreshCards()
    {
        auto cards = m_store.cards();
        if (!cards)
            return; // keep the list we have; a busy read is no reason to stop
        m_cards.clear();
        for (const Card &card : *cards)
            m_cards << card.id;
        std::sort(m_cards.begin(), m_cards.end());
    }

    qint64 pickCard()
    {
        const qsizetype hot = std::min<qsizetype>(m_settings.hot, m_cards.size());
        if (hot > 0 && m_random.bounded(100) < 60)
            return m_cards.at(qsizetype(m_random.bounded(int(hot))));
        return m_cards.at(qsizetype(m_random.bounded(int(m_cards.size()))));
    }

    /// A short pause between reading a card and saving the change, as a person takes.
    void think() { QThread::usleep(m_random.bounded(3000)); }

    bool begin(const LoggedOp &op)
    {
        if (!m_settings.crashMode)
            return true;
        LoggedOp record = op;
        record.begin = true;
        return appendRecord(m_log, record, true);
    }

    template<typename T>
    bool done(LoggedOp &op, const Result<T> &result, int waitsBefore)
    {
        op.waits = m_waits - waitsBefore;
        op.retries = m_store.lastWriteRetries();
        if (result) {
            op.outcome = Outcome::Ok;
        } else {
            op.message = errorKindName(result.error().kind) + QStringLiteral(": ") + result.error().message;
            switch (result.error().kind) {
            case ErrorKind::Conflict:
                op.outcome = Outcome::Conflict;
                break;
            case ErrorKind::Busy:
                op.outcome = Outcome::Busy;
                break;
            default:
                op.outcome = Outcome::Error;
                break;
            }
        }
        return appendRecord(m_log, op, m_settings.crashMode);
    }

    /// The version and column the caller goes by: mostly a fresh read, sometimes what it saw earlier (an editor
    /// left open), which may be stale by now.
    Result<SeenCard> look(qint64 id)
    {
        if (auto it = m_seen.constFind(id); it != m_seen.cend() && m_random.bounded(100) < 30)
            return *it;
        auto card = m_store.card(id);
        if (!card)
            return card.error();
        const SeenCard seen{card->version, card->columnId};
        m_seen.insert(id, seen);
        think();
        return seen;
    }

    bool createCard(LoggedOp &op, int n)
    {
        op.kind = kind::create;
        op.value = QStringLiteral("Card %1 #%2 %3").arg(m_settings.login).arg(n).arg(shortId(op.opId));
        NewCard card;
        card.columnId = m_columns.at(qsizetype(m_random.bounded(int(m_columns.size()))));
        card.title = op.value;
        if (!begin(op))
            return false;
        const int waits = m_waits;
        m_store.setNextOperationId(op.opId);
        auto created = m_store.createCard(card);
        if (created) {
            op.itemId = *created;
            op.cardId = *created;
            m_cards << *created;
        }
        return done(op, created, waits);
    }

    bool editCard(LoggedOp &op, int n)
    {
        op.kind = kind::edit;
        op.cardId = pickCard();
        static const QString s_fields[] = {QStringLiteral("title"), QStringLiteral("description"),
                                           QStringLiteral("requester")};
        op.field = s_fields[m_random.bounded(3)];
        op.value = QStringLiteral("%1 %2 #%3 %4").arg(op.field, m_settings.login).arg(n).arg(shortId(op.opId));
        const int waits = m_waits;
        auto seen = look(op.cardId);
        if (!seen)
            return done(op, seen, waits);
        op.expectedVersion = seen->version;
        CardPatch patch;
        if (op.field == u"title")
            patch.title = op.value;
        else if (op.field == u"description")
            patch.description = op.value;
        else
            patch.requester = op.value;
        if (!begin(op))
            return false;
        m_store.setNextOperationId(op.opId);
        auto updated = m_store.updateCard(op.cardId, patch, op.expectedVersion);
        if (updated) {
            op.version = *updated;
            m_seen[op.cardId].version = *updated;
        } else {
            m_seen.remove(op.cardId); // the person reloads the card
        }
        return done(op, updated, waits);
    }

    bool moveCard(LoggedOp &op)
    {
        op.kind = kind::move;
        op.cardId = pickCard();
        const int waits = m_waits;
        auto seen = look(op.cardId);
        if (!seen)
            return done(op, seen, waits);
        op.expectedVersion = seen->version;
        do {
            op.columnId = m_columns.at(qsizetype(m_random.bounded(int(m_columns.size()))));
        } while (op.columnId == seen->columnId);
        if (!begin(op))
            return false;
        m_store.setNextOperationId(op.opId);
        auto moved = m_store.moveCard(op.cardId, op.columnId, {}, op.expectedVersion);
        if (moved) {
            op.version = *moved;
            m_seen.insert(op.cardId, SeenCard{*moved, op.columnId});
        } else {
            m_seen.remove(op.cardId);
        }
        return done(op, moved, waits);
    }

    bool addComment(LoggedOp &op, int n)
    {
        op.kind = kind::comment;
        op.cardId = pickCard();
        op.value = QStringLiteral("Comment by %1 #%2 %3").arg(m_settings.login).arg(n).arg(shortId(op.opId));
        if (!begin(op))
            return false;
        const int waits = m_waits;
        m_store.setNextOperationId(op.opId);
        auto added = m_store.addComment(op.cardId, op.value);
        if (added)
            op.itemId = *added;
        return done(op, added, waits);
    }

    /// Ticks one of this driver's own open items (nobody else ticks them, so each tick changes the item), or adds
    /// one when there is none.
    bool checklist(LoggedOp &op, int n)
    {
        if (!m_openItems.isEmpty() && m_random.bounded(100) < 50) {
            op.kind = kind::tick;
            op.itemId = m_openItems.constFirst().first;
            op.cardId = m_openItems.constFirst().second;
            if (!begin(op))
                return false;
            const int waits = m_waits;
            m_store.setNextOperationId(op.opId);
            auto ticked = m_store.setChecklistItemDone(op.itemId, true);
            if (ticked)
                m_openItems.removeFirst();
            return done(op, ticked, waits);
        }
        op.kind = kind::checklistAdd;
        op.cardId = pickCard();
        op.value = QStringLiteral("Step by %1 #%2 %3").arg(m_settings.login).arg(n).arg(shortId(op.opId));
        if (!begin(op))
            return false;
        const int waits = m_waits;
        m_store.setNextOperationId(op.opId);
        auto added = m_store.addChecklistItem(op.cardId, op.value);
        if (added) {
            op.itemId = *added;
            m_openItems.append({*added, op.cardId});
        }
        return done(op, added, waits);
    }

    bool attach(LoggedOp &op, int n)
    {
        op.kind = kind::attach;
        op.cardId = pickCard();
        const QString prefix = m_settings.crashMode ? QStringLiteral("r%1").arg(m_settings.round) : m_settings.login;
        op.fileName = QStringLiteral("%1-%2.bin").arg(prefix).arg(n);
        const QString path = QDir(m_settings.folder).filePath(op.fileName);
        QByteArray bytes;
        const QStringList earlier = QDir(m_settings.folder).entryList({QStringLiteral("*.bin")}, QDir::Files);
        if (m_settings.crashMode && !earlier.isEmpty() && m_random.bounded(100) < 20) {
            // The same content again (someone attaching it once more after a crash cut the first upload short).
            QFile source(
                    QDir(m_settings.folder).filePath(earlier.at(qsizetype(m_random.bounded(int(earlier.size()))))));
            if (source.open(QIODevice::ReadOnly))
                bytes = source.readAll();
        }
        if (bytes.isEmpty()) {
            const qint64 low = m_settings.crashMode ? s_largeAttachmentMin : s_smallAttachmentMin;
            const qint64 high = m_settings.crashMode ? s_largeAttachmentMax : s_smallAttachmentMax;
            const qint64 size = low + qint64(m_random.bounded(quint32(high - low)));
            std::vector<quint32> words(size_t(size / 4 + 1));
            m_random.fillRange(words.data(), qsizetype(words.size()));
            bytes = QByteArray(reinterpret_cast<const char *>(words.data()), qsizetype(size));
        }
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
            m_failure = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            return false;
        }
        file.close();
        op.size = bytes.size();
        op.sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        if (!begin(op))
            return false;
        const int waits = m_waits;
        m_store.setNextOperationId(op.opId);
        auto added = m_store.addAttachment(op.cardId, path, op.fileName);
        if (added)
            op.itemId = *added;
        return done(op, added, waits);
    }

    static QString shortId(const QUuid &id) { return id.toString(QUuid::WithoutBraces).left(8); }

    const Settings &m_settings;
    BoardStore &m_store;
    QFile &m_log;
    QRandomGenerator m_random;
    QList<qint64> m_columns;
    QList<qint64> m_cards;
    QHash<qint64, SeenCard> m_seen;
    QList<std::pair<qint64, qint64>> m_openItems; ///< {item, card}, added by this driver and not ticked yet
    int m_waits = 0;
    QString m_failure;
};

int fail(const QString &message)
{
    std::fprintf(stderr, "helpboard-stress-driver: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("stress or crash"));
    const QCommandLineOption board(QStringLiteral("board"), QStringLiteral("The board file."), QStringLiteral("FILE"));
    const QCommandLineOption login(QStringLiteral("as"), QStringLiteral("The login to act as."),
                                   QStringLiteral("LOGIN"));
    const QCommandLineOption log(QStringLiteral("log"), QStringLiteral("The log to append to."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption folder(QStringLiteral("folder"), QStringLiteral("Where attachment files go."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("N"));
    const QCommandLineOption ops(QStringLiteral("ops"), QStringLiteral("Operations (stress)."), QStringLiteral("N"));
    const QCommandLineOption hot(QStringLiteral("hot"), QStringLiteral("Cards most edits aim at."),
                                 QStringLiteral("N"));
    const QCommandLineOption round(QStringLiteral("round"), QStringLiteral("Crash round."), QStringLiteral("N"));
    const QCommandLineOption busy(QStringLiteral("busy-timeout"), QStringLiteral("Busy timeout (ms)."),
                                  QStringLiteral("MS"));
    parser.addOptions({board, login, log, folder, seed, ops, hot, round, busy});
    parser.process(app);

    Settings settings;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || (positional.constFirst() != u"stress" && positional.constFirst() != u"crash"))
        return fail(QStringLiteral("the mode is stress or crash"));
    settings.crashMode = positional.constFirst() == u"crash";
    settings.board = parser.value(board);
    settings.login = parser.value(login);
    settings.logPath = parser.value(log);
    settings.folder = parser.value(folder);
    settings.seed = parser.value(seed).toUInt();
    settings.ops = parser.isSet(ops) ? parser.value(ops).toInt() : settings.ops;
    settings.hot = parser.value(hot).toInt();
    settings.round = parser.value(round).toInt();
    if (settings.board.isEmpty() || settings.login.isEmpty() || settings.logPath.isEmpty() || settings.folder.isEmpty())
        return fail(QStringLiteral("--board, --as, --log and --folder are required"));

    StoreOptions options;
    options.login = settings.login;
    options.busyTimeoutMs = parser.isSet(busy) ? parser.value(busy).toInt() : 60'000;
    auto store = BoardStore::open(settings.board, options);
    if (!store)
        return fail(QStringLiteral("cannot open the board: ") + store.error().message);
    QFile logFile(settings.logPath);
    if (!logFile.open(QIODevice::WriteOnly | QIODevice::Append))
        return fail(QStringLiteral("cannot open the log: ") + logFile.errorString());
    Driver driver(settings, *store.value(), logFile);
    if (QString error; !driver.setUp(&error))
        return fail(error);

    QTextStream out(stdout);
    if (settings.crashMode) {
        out << "started" << Qt::endl;
        const QDeadlineTimer lifetime(s_crashModeLifetimeMs);
        for (int n = 0; !lifetime.hasExpired(); ++n) {
            if (!driver.runOne(n))
                return fail(driver.failure());
        }
        return fail(QStringLiteral("nobody killed me"));
    }

    out << "ready" << Qt::endl;
    QTextStream in(stdin);
    if (in.readLine() != u"go")
        return fail(QStringLiteral("expected \"go\" on standard input"));
    for (int n = 0; n < settings.ops; ++n) {
        if (!driver.runOne(n))
            return fail(driver.failure());
    }
    return 0;
}
