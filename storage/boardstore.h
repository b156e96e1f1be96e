// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "records.h"
#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <functional>
#include <memory>

class QIODevice;

namespace hb::storage {

class Connection;

struct StoreOptions
{
    QString login;                     ///< who acts; empty = the operating-system login
    int busyTimeoutMs = 30000;         ///< how long a write waits for other writers before reporting Busy
    bool allowCorruptReadOnly = false; ///< open a damaged board read-only instead of refusing it
    bool readOnly = false;             ///< only read (a snapshot's copy): nothing written, not even the daily stamp
    /// How long opening waits for colleagues' saves (-1: busyTimeoutMs): the window opens with a short wait and tries
    /// again in a moment, rather than hold its thread up. Not kept in options() for later opens.
    int openBusyTimeoutMs = -1;
};

/// Where an item goes among its siblings. Both zero: at the end. Otherwise just before or after that sibling.
struct Placement
{
    qint64 before = 0;
    qint64 after = 0;
};

struct NewCard
{
    qint64 columnId = 0;
    QString title;
    QString description;
    Priority priority = Priority::Normal;
    StatusTag status = StatusTag::None;
    QString assignee;
    QString requester;
    Channel channel = Channel::None;
    qint64 dueAt = 0;
    QList<qint64> labelIds;
    Placement placement;
};

/// Where an imported card came from (schema v10): importing the same source again finds the card instead of
/// making it twice, and tells whether the source changed it since.
struct CardSource
{
    QString source;      ///< which source: "trello:<board id>", "csv", "helpboard:<board uuid>"
    QString sourceId;    ///< the ticket's id there
    QString fingerprint; ///< what the card was in the source when last imported (the importer's digest)
    QString fields;      ///< its fields as the source said them then (the importer's JSON): what a re-import changed
    qint64 cardId = 0;
    qint64 importedAt = 0;
};

/// A card brought in whole, with what happened to it before (BoardStore::importCards()).
struct ImportedCard
{
    struct Item
    {
        QString text;
        bool done = false;
    };
    struct Comment
    {
        QString author; ///< a member's login
        qint64 at = 0;  ///< when it was written (epoch ms)
        QString body;
        /// It answered the requester (the first such is the card's first response); false for notes a file holds
        /// without saying who wrote them when.
        bool response = true;
    };
    NewCard card;            ///< its placement is not used: imported cards go to their column's end, in list order
    QString createdBy;       ///< a member's login; empty: whoever imports
    qint64 createdAt = 0;    ///< epoch ms; 0: now
    QList<Item> checklist;   ///< in order
    QList<Comment> comments; ///< in order
    /// In a Done column: when it was resolved, and by whom (a member; empty: its creator). 0: when it was made.
    qint64 resolvedAt = 0;
    QString resolvedBy;
    qint64 archivedAt = 0; ///< archived then (by its creator); 0: on the board
    QStringList links;     ///< links to files or pages (attachments of kind link), in order
    CardSource source;     ///< where it came from; an empty source: nowhere to remember
};

/// One card of BoardStore::moveCards().
struct CardMove
{
    qint64 id = 0;
    qint64 columnId = 0;
    Placement placement;     ///< a neighbour that has left the column meanwhile puts the card at the column's end
    qint64 fromColumnId = 0; ///< when set: the card must still be there (and on the board), or no card moves
};

struct CardQuery
{
    qint64 columnId = 0; ///< 0 = all columns
    bool includeArchived = false;
    bool includeDeleted = false;
    bool onlyArchived = false; ///< the archived cards and no others (the archive's list)
    qint64 resolvedSince = 0;  ///< > 0: only cards resolved (last) at or after this time
};

/// Uploads that stopped part-way, and the stored bytes only they (or no attachment at all) use.
struct AbandonedUploads
{
    int count = 0;
    qint64 bytes = 0;
};

/// Reports upload progress; return false to cancel (nothing is kept).
using ProgressCallback = std::function<bool(qint64 done, qint64 total)>;

/**
 * The board file, as one object per connection and thread.
 *
 * Every change is one short BEGIN IMMEDIATE transaction that checks the acting member's role, compares row versions,
 * records its operation id (so a retried call never applies twice) and appends to the `events` change feed. Reads
 * load whole results into plain records and never leave a statement half-read. Nothing here blocks for longer than
 * the busy timeout; nothing throws.
 */
class BoardStore final
{
public:
    /// Creates a new board file (refuses to overwrite one); the creating login becomes its admin.
    static Result<std::unique_ptr<BoardStore>> create(const QString &path, const QString &boardName,
                                                      const StoreOptions &options = {});
    /// Opens an existing board file, read-only when it cannot be written (see readOnlyReason()).
    static Result<std::unique_ptr<BoardStore>> open(const QString &path, const StoreOptions &options = {});
    ~BoardStore();
    Q_DISABLE_COPY_MOVE(BoardStore)

    static QString systemLogin();
    static constexpr qint64 s_maxTitleLength = 500;
    static constexpr qint64 s_maxTextLength = 100'000;
    static constexpr qint64 s_maxChecklistTextLength = 1000;
    static constexpr int s_maxLabelNameLength = 50;
    /// The rule every text field follows (@p what names the field); callers may check input before queueing it.
    static Status checkText(const QString &what, const QString &text, qint64 maxLength, bool required);

    QString path() const;
    /// True when the file cannot or must not be written: read-only file or share, WAL mode, or found damaged.
    bool isReadOnly() const;
    QString readOnlyReason() const;
    /// True when this or another process found the file damaged (see DamageMark): nothing is written to it.
    bool isDamaged() const;
    QString login() const { return m_login; }
    Role role() const { return m_role; }
    /// Reads this login's role again (an admin may have changed it since the board was opened).
    Status refreshRole() { return resolveRole(); }
    QString clientId() const { return m_clientId; }

    /// Acts as another login from now on (scripts, demo content); an unknown login joins with its first change.
    Status setLogin(const QString &login);
    /// Replaces the clock (UTC ms since the epoch); for tests and generated content.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }
    /// The next change uses this operation id instead of a fresh one; a repeated id is not applied twice.
    void setNextOperationId(const QUuid &opId) { m_nextOpId = opId; }
    // For a caller that runs several changes and may run them again (the saver, when the file comes back):
    /// Changes committed through this store so far.
    int commitCount() const { return m_commits; }
    /// Changes that failed at their commit without the file telling whether they landed (it went away).
    int unknownOutcomeCount() const { return m_unknownOutcomes; }
    /// What failed underneath at this store's last failure (the file gone, read-only, full, ...), however a caller
    /// has worded the error since; None when nothing failed underneath since forgetLastFailure().
    FailureCause lastFailureCause() const;
    void forgetLastFailure();
    bool isOperationApplied(const QUuid &opId);
    int lastWriteRetries() const;
    /// Called on the store's thread each time a change or read waits for another user's save (busy file).
    void setWaitObserver(std::function<void()> observer);
    /// Asked on the store's thread before each further wait for another user's save: true stops waiting (Busy).
    void setGiveUp(std::function<bool()> giveUp);
    /// How long this connection's reads and writes wait for other users' saves from now on (a window's thread: a
    /// moment, then it tries again later). options() keep the patience the store was opened with.
    void setBusyTimeout(int milliseconds);
    /// Opens this store's connection to the file again (after an I/O error: the share was gone, its handle may be
    /// dead for good), with the same rules. When that fails, the connection it had stays.
    Status reconnect();
    /// The options to open this board again as the same login, on another connection (a worker thread's).
    StoreOptions options() const;

    // Board and settings
    Result<QString> boardName();
    /// The SQLite library's version, for About boxes and bug reports.
    Result<QString> engineVersion();
    /// The board format (schema version) this program writes.
    static int formatVersion();
    /// The board's UUID (schema v3): which board a drag payload comes from. Copies of the file share it.
    Result<QUuid> boardUuid();
    Status renameBoard(const QString &name);
    Result<QString> setting(const QString &key);
    /// Admin only. Known keys: default_role (editor|viewer), attachment_limit_bytes.
    Status setSetting(const QString &key, const QString &value);
    /// A board of sample tickets and people (setting "demo" is "yes"): the window says DEMO wherever it names it.
    bool isDemo();
    Result<qint64> attachmentLimit();
    /// The service levels every desktop counts the tickets' clocks with.
    Result<ServiceLevels> serviceLevels();
    /// Admin only: new service levels (@p policy and @p calendar JSON objects; what they say is board/sla's to
    /// check). With @p expectedVersion >= 0 a newer version is ErrorKind::Conflict. Returns the new version; the
    /// change feed says sla.changed.
    /// The change event (eventkind::ServiceLevelsChanged) holds the new version and the levels replaced, as
    /// {"version": 2, "previous": {"policy": {...}, "calendar": {...}}}.
    Result<qint64> setServiceLevels(const QByteArray &policy, const QByteArray &calendar, qint64 expectedVersion = -1);

    // Columns
    Result<QList<Column>> columns();
    Result<Column> column(qint64 id);
    /// The kind of every column the board ever had, deleted ones too (archived cards may still name them).
    Result<QHash<qint64, ColumnKind>> columnKinds();
    Result<qint64> addColumn(const QString &name, ColumnKind kind, int wipLimit = 0, Placement placement = {});
    // Edits take the version the caller saw; with expectedVersion >= 0 a newer one is ErrorKind::Conflict.
    Status renameColumn(qint64 id, const QString &name, qint64 expectedVersion = -1);
    Status moveColumn(qint64 id, Placement placement);
    Status setColumnWipLimit(qint64 id, int wipLimit, qint64 expectedVersion = -1);
    /// Only an empty column can be deleted (archived cards move with the restore to the first column).
    Status deleteColumn(qint64 id);
    /// Brings back a deleted column (undo); refused if another column has taken its name meanwhile.
    Status restoreColumn(qint64 id);

    // Cards
    Result<qint64> createCard(const NewCard &card);
    Result<Card> card(qint64 id);
    Result<QList<Card>> cards(const CardQuery &query = {});
    /// The ids of cards(@p query), in the same order: to read a big board a page at a time (cardsWithIds()).
    Result<QList<qint64>> cardIds(const CardQuery &query = {});
    /// The cards with these ids, in this order, with their summaries; ids no longer there are left out.
    Result<QList<Card>> cardsWithIds(const QList<qint64> &ids);
    /**
     * Sets the fields in @p patch. With @p expectedVersion >= 0 this is compare-and-swap: if someone changed the
     * card since that version, fields they did not touch still merge; a field both changed is ErrorKind::Conflict.
     * Returns the card's new version.
     */
    Result<qint64> updateCard(qint64 id, const CardPatch &patch, qint64 expectedVersion = -1);
    /// Moves a card to a column and place; writes that card's row only. Returns the new version.
    Result<qint64> moveCard(qint64 id, qint64 columnId, Placement placement = {}, qint64 expectedVersion = -1);
    Status archiveCard(qint64 id);
    Status deleteCard(qint64 id);
    /// Brings back an archived or deleted card (into the first column if its column is gone).
    Status restoreCard(qint64 id);
    /**
     * Brings in @p cards, each with its checklist and comments, as one change: every card or none, and the first
     * card refused is the error (with its place in the list). Each card's history says who made it and when, each
     * comment was written by its author at its time; the items and comments are recorded as added by the card's
     * creator. Much faster than one change per card, item and comment: for imports and generated boards.
     * @p progress hears of every hundred cards (in the transaction); false cancels: nothing is written.
     * Returns the new cards' ids, in order.
     */
    Result<QList<qint64>> importCards(const QList<ImportedCard> &cards, const ProgressCallback &progress = {});
    /// The cards imported from @p source (ImportedCard::source), by their id there; deleted cards left out.
    Result<QHash<QString, CardSource>> cardSources(const QString &source);
    /// Records (or moves) where cards came from: for a card updated from its source again (editors and admins).
    Status setCardSources(const QList<CardSource> &sources);
    // Several cards in one change (one transaction): every card or none; the first card refused is the error.
    /// Moves the cards in list order (so several placed before one card keep their order).
    Status moveCards(const QList<CardMove> &moves);
    /// Archives the cards; ones already archived stay as they are.
    Status archiveCards(const QList<qint64> &ids);
    /// Brings back archived or deleted cards; ones already on the board stay as they are.
    Status restoreCards(const QList<qint64> &ids);

    // Labels
    Result<QList<Label>> labels();
    Result<qint64> createLabel(const QString &name, const QString &color);
    Status renameLabel(qint64 id, const QString &name, qint64 expectedVersion = -1);
    Status recolorLabel(qint64 id, const QString &color, qint64 expectedVersion = -1);
    Status deleteLabel(qint64 id);
    /// Brings back a deleted label (undo), on the cards that had it.
    Status restoreLabel(qint64 id);
    Status attachLabel(qint64 cardId, qint64 labelId);
    Status detachLabel(qint64 cardId, qint64 labelId);

    // Checklist
    Result<QList<ChecklistItem>> checklist(qint64 cardId);
    Result<qint64> addChecklistItem(qint64 cardId, const QString &text, Placement placement = {});
    Status editChecklistItem(qint64 id, const QString &text, qint64 expectedVersion = -1);
    Status setChecklistItemDone(qint64 id, bool done);
    Status moveChecklistItem(qint64 id, Placement placement);
    Status deleteChecklistItem(qint64 id);
    /// Brings back a deleted item (undo), where it was.
    Status restoreChecklistItem(qint64 id);
    /// Deletes, or brings back, several items in one change; items already so are left as they are.
    Status deleteChecklistItems(const QList<qint64> &ids);
    Status restoreChecklistItems(const QList<qint64> &ids);

    // Checklist templates (board-wide)
    static constexpr int s_maxTemplateItems = 100;
    static constexpr int s_maxTemplateNameLength = 100;
    Result<QList<ChecklistTemplate>> checklistTemplates();
    /// A new template called @p name (refused when one has that name). Returns its id.
    Result<qint64> createChecklistTemplate(const QString &name, const QStringList &items);
    /// New items for template @p id; with @p expectedVersion >= 0, a newer version is ErrorKind::Conflict.
    Status replaceChecklistTemplateItems(qint64 id, const QStringList &items, qint64 expectedVersion = -1);
    Status deleteChecklistTemplate(qint64 id);
    /// Brings back a deleted template (undo); refused if another one has taken its name meanwhile.
    Status restoreChecklistTemplate(qint64 id);
    /// Adds template @p templateId's items at the end of card @p cardId's checklist, in one change. Returns the new
    /// items' ids, in order.
    Result<QList<qint64>> applyChecklistTemplate(qint64 cardId, qint64 templateId);

    // Escalation targets (board-wide; admins keep the list). A card is escalated through updateCard() with
    // CardPatch::escalation, so that escalating is an edit like any other: merged, conflicted and undone the same way.
    static constexpr int s_maxEscalationNameLength = 100;
    static constexpr int s_maxEscalationContactLength = 500;
    static constexpr int s_maxEscalationReferenceLength = 100;
    static constexpr int s_maxEscalationNoteLength = 2000;
    /// The targets on the list, by name; with @p includeRemoved also those removed from it.
    Result<QList<EscalationTarget>> escalationTargets(bool includeRemoved = false);
    /// Adds @p target (admin only; refused when one has its name). Returns its id.
    Result<qint64> createEscalationTarget(const EscalationTarget &target);
    /// Sets the name, kind, contact and notes of target @p target.id (admin only); with @p expectedVersion >= 0 a
    /// newer version is ErrorKind::Conflict. Cards escalated to it keep it, under its new name.
    Status updateEscalationTarget(const EscalationTarget &target, qint64 expectedVersion = -1);
    /// Takes a target off the list (admin only): refused while cards are escalated to it. Escalations that ended
    /// keep its name.
    Status deleteEscalationTarget(qint64 id);
    /// Puts a removed target back on the list (undo); refused if another one has taken its name meanwhile.
    Status restoreEscalationTarget(qint64 id);
    /// Every escalation of card @p cardId, open or ended, oldest first.
    Result<QList<Escalation>> escalations(qint64 cardId);

    // The knowledge base (schema v9): articles, board-wide, written by editors and admins, read by everyone.
    static constexpr qint64 s_maxArticleTitleLength = s_maxTitleLength;
    static constexpr qint64 s_maxArticleBodyLength = s_maxTextLength;
    /// Suggestions for a card: at most this many, best first.
    static constexpr int s_maxSuggestions = 5;
    /// Whether an article read for a list comes with its text (Article::body), or without it (a list of titles).
    enum class ArticleText { With, Without };
    /// The live articles by title (with @p includeDeleted the deleted ones too), with their labels and how many
    /// tickets each is linked to.
    Result<QList<Article>> articles(bool includeDeleted = false, ArticleText text = ArticleText::With);
    /// One article, deleted ones too (deletedAt set): a card linked to it still names it.
    Result<Article> article(qint64 id);
    /// The articles with these ids (live ones only), in this order.
    Result<QList<Article>> articlesWithIds(const QList<qint64> &ids, ArticleText text = ArticleText::With);
    /// A new article from @p article's title, body, labels and template. Returns its id.
    Result<qint64> createArticle(const Article &article);
    /**
     * Sets the fields in @p patch. With @p expectedVersion >= 0 this is compare-and-swap: fields someone else
     * changed since that version merge when this patch leaves them alone; a field both changed is
     * ErrorKind::Conflict. Returns the article's new version.
     */
    Result<qint64> updateArticle(qint64 id, const ArticlePatch &patch, qint64 expectedVersion = -1);
    /// Deletes an article (a tombstone: the cards linked to it keep the link, shown as deleted).
    Status deleteArticle(qint64 id);
    /// Brings back a deleted article (undo).
    Status restoreArticle(qint64 id);
    /// Live articles whose title, body or labels match every word of @p text (prefix match), best first.
    Result<QList<qint64>> searchArticles(const QString &text);
    /**
     * The articles most like card @p cardId (its title, labels and description, ranked by the full-text index),
     * best first, at most @p limit, leaving out those already linked to it.
     */
    Result<QList<qint64>> suggestArticles(qint64 cardId, int limit = s_maxSuggestions);
    /// Links card @p cardId to article @p articleId: "solved with" it (on the card and in its history).
    Status linkArticle(qint64 cardId, qint64 articleId);
    /// Undoes linkArticle(); a link that is not there is not an error.
    Status unlinkArticle(qint64 cardId, qint64 articleId);
    /// The articles card @p cardId is linked to, in the order they were linked (deleted ones too, marked).
    Result<QList<ArticleLink>> cardArticles(qint64 cardId);
    /// The cards (not deleted) linked to article @p articleId, oldest link first.
    Result<QList<qint64>> articleCards(qint64 articleId);
    /// The files and links of article @p articleId, oldest first (the cards' attachments' store, limits and rules).
    Result<QList<Attachment>> articleAttachments(qint64 articleId);
    /// addAttachment() for article @p articleId: read, saved, removed and restored as a card's are.
    Result<qint64> addArticleAttachment(qint64 articleId, const QString &filePath, const QString &name = {},
                                        const ProgressCallback &progress = {});
    /// addLink() for article @p articleId.
    Result<qint64> addArticleLink(qint64 articleId, const QString &path);
    /// Every link of a card (not deleted) to an article (deleted ones too): article ids by card id (the metrics').
    Result<QHash<qint64, QList<qint64>>> articleLinks();

    // Comments
    Result<QList<Comment>> comments(qint64 cardId);
    Result<qint64> addComment(qint64 cardId, const QString &body);
    /// Only the author may edit a comment; the author or an admin may delete it.
    Status editComment(qint64 id, const QString &body, qint64 expectedVersion = -1);
    Status deleteComment(qint64 id);
    /// Brings back a deleted comment (undo); the author or an admin.
    Status restoreComment(qint64 id);

    // Attachments
    Result<QList<Attachment>> attachments(qint64 cardId);
    Result<Attachment> attachment(qint64 id);
    /**
     * Stores a file inside the board, streaming it in chunks, each in its own transaction, so other users can
     * save in between. The attachment is "uploading" until every chunk and the SHA-256 check are in; identical
     * content is stored once. @p name defaults to the file name.
     */
    Result<qint64> addAttachment(qint64 cardId, const QString &filePath, const QString &name = {},
                                 const ProgressCallback &progress = {});
    /// Links to a file on the share instead of copying it in.
    Result<qint64> addLink(qint64 cardId, const QString &path);
    /// Streams an attachment's content to @p out and checks its SHA-256.
    Status readAttachment(qint64 id, QIODevice *out);
    /// Writes an attachment to @p filePath atomically (nothing is left behind on failure).
    Status saveAttachment(qint64 id, const QString &filePath);
    Status removeAttachment(qint64 id);
    /// Brings back a removed attachment (undo), when its content is still in the file.
    Status restoreAttachment(qint64 id);
    /// An upload that has not stored a chunk for this long was abandoned (its process was killed, its desktop lost).
    static constexpr qint64 s_abandonedUploadAgeMs = 3600 * 1000;
    /// s_abandonedUploadAgeMs, or the milliseconds in HELPBOARD_ABANDONED_UPLOAD_AGE_MS (for tests).
    static qint64 abandonedUploadAge();
    /**
     * Removes uploads that stored nothing for longer than @p olderThanMs, then the chunks no attachment uses, a few
     * per transaction, each batch checking again that no attachment (an upload begun meanwhile) names them. Uploads
     * still moving are never touched. Returns the number of uploads removed.
     */
    Result<int> purgeAbandonedUploads(qint64 olderThanMs);
    /// What purgeAbandonedUploads(@p olderThanMs) would remove: the uploads, and the bytes of chunks it would free.
    Result<AbandonedUploads> abandonedUploads(qint64 olderThanMs);

    // Members
    Result<QList<Member>> members();
    /// Adds a member or changes a role (admin only); the last admin cannot stop being one.
    Status setMember(const QString &login, Role role, const QString &displayName = {});
    Status removeMember(const QString &login);

    // Who has the board open. Anyone who can open it says so, viewers too (it is not a change to the board).
    /// This window (@p session) is here, with card @p cardId open (0: none): sets its heartbeat to now. Rows no
    /// heartbeat refreshed for a long while (a crash, a laptop closed) are cleared. ReadOnly on a read-only file.
    Status beatPresence(const QString &session, qint64 cardId);
    /// This window closes the board.
    Status leavePresence(const QString &session);
    /// The windows whose last heartbeat is at most @p withinMs old, by login.
    Result<QList<Presence>> presence(qint64 withinMs);

    // Change feed and history
    Result<QList<Event>> eventsSince(qint64 seq, int limit = 10000);
    Result<QList<Event>> cardHistory(qint64 cardId);
    /// What the service-level clocks of every card on the board (not archived, unless @p includeArchived) are read
    /// from, in one query: per card, its creation, moves and the changes of its fields that may hold a priority or a
    /// status, oldest first.
    Result<QHash<qint64, QList<Event>>> clockHistories(bool includeArchived = false);
    /// What the help-desk metrics read of every ticket (deleted cards left out, archived ones in), in one query: per
    /// card, its creation, its moves and the changes of its assignee, priority and status (all the clocks need too),
    /// oldest first. These histories, and clockHistories()', leave Event::opId empty.
    Result<QHash<qint64, QList<Event>>> metricHistories();
    /// The same, of the cards @p cardIds only (found by the card index: for a few changed tickets of a big board).
    Result<QHash<qint64, QList<Event>>> metricHistories(const QList<qint64> &cardIds);
    /// Every escalation of every card that is not deleted, open or ended, by card, oldest first.
    Result<QHash<qint64, QList<Escalation>>> allEscalations();
    /// The same, of the cards @p cardIds only.
    Result<QHash<qint64, QList<Escalation>>> allEscalations(const QList<qint64> &cardIds);
    /**
     * Every ticket (deleted cards left out, archived ones in), by id, with its row in the metrics' cache (schema v8;
     * empty data when it has none): a row is there only while its ticket has not changed since it was stored.
     */
    Result<QList<CachedMetrics>> metricCache();
    /// The same, a ticket at a time to @p each (in order of id), none kept.
    Status forEachMetricCache(const std::function<void(qint64 cardId, const QByteArray &data)> &each);
    /**
     * Keeps @p rows in the metrics' cache, worked out from a read that saw the change feed up to @p readSeq: those of
     * tickets changed since are left out, and all of them after a board-wide change since (a column or label gone,
     * the service levels); in short transactions that wait at most two seconds for colleagues' saves. Editors and
     * admins only. Returns how many were kept.
     */
    Result<qsizetype> storeMetricCache(qint64 readSeq, const QList<CachedMetrics> &rows);
    /// The board's own events (no card's) of @p kind, oldest first: the service levels' changes, say.
    Result<QList<Event>> boardEvents(QStringView kind);
    Result<qint64> lastEventSeq();
    /// PRAGMA data_version: changes when another connection commits to the file (this one's own commits do not).
    Result<qint64> dataVersion();

    /**
     * Runs @p reads as one consistent snapshot (a read transaction): changes others commit meanwhile are either
     * wholly visible or not at all. Writers wait while it runs, so keep it to reading.
     */
    Status readSnapshot(const std::function<Status()> &reads);
    /**
     * Runs @p body, which makes changes through this store, as one transaction: all of them land, or none (the
     * first error @p body returns rolls every one back). For filling a board at once (the demo board, imports,
     * generated boards): thousands of changes cost one write of the file. Each change keeps its own role check,
     * operation record and history events. Colleagues wait while it runs, so keep it to a board being filled.
     * @p body may run again from the start when the file was busy when it began.
     */
    Status inOneTransaction(const std::function<Status()> &body);

    /// Card ids whose title, description, comments or checklist match every word of @p text (prefix match).
    Result<QList<qint64>> search(const QString &text, bool includeArchived = false);
    /**
     * The same matches as the full-text index has them, for callers that keep only hits among cards they hold (the
     * board's filter): cards deleted or archived since are among them. Faster than search(), which reads the board's
     * cards to leave those out.
     */
    Result<QList<qint64>> searchIndex(const QString &text);

    // Maintenance
    /// PRAGMA integrity_check and foreign_key_check; an empty list means the file is sound.
    Result<QStringList> verify();
    /// A consistent copy of the board with VACUUM INTO (refuses to overwrite).
    Status backupTo(const QString &filePath);
    /// The folder next to the board for its daily and "back up now" copies: "<board name> backups".
    QString backupFolder() const;
    /**
     * Today's copy of the board in backupFolder(), unless one is there already (another desktop's, or from an
     * earlier open today); then only the newest @p keep daily copies stay. Returns the copy made, or an empty
     * string when today's was already there. Written under a name of its own and renamed: a copy is never seen
     * half-written, and two desktops backing up at once leave one.
     */
    Result<QString> backUpDaily(const QDate &today, int keep = 14);
    /// A copy of the board now in backupFolder(), named by the time; backUpDaily() never removes these.
    Result<QString> backUpNow(const QDateTime &now);

private:
    BoardStore();

    /// Ends a pending operation id with the public call that was meant to use it, whatever way that call returns.
    class OperationScope
    {
    public:
        explicit OperationScope(BoardStore &store)
            : m_store(store)
        { }
        ~OperationScope() { m_store.m_nextOpId = QUuid(); }
        Q_DISABLE_COPY_MOVE(OperationScope)

    private:
        BoardStore &m_store;
    };

    Status openFile(const QString &path, bool creating, const QString &boardName, const StoreOptions &options);
    /// A copy as @p fileName in backupFolder(); an empty string when that file is there already.
    Result<QString> backUpAs(const QString &fileName);
    /// PRAGMA quick_check when the last one is over a day old; true when it ran and found the file sound.
    Result<bool> checkHealth(const StoreOptions &options);
    /// Corrupt errors become a read-only open when the options allow it; other errors pass through.
    Result<bool> markDamaged(const Error &error, const StoreOptions &options);
    Status probeWrite(const StoreOptions &options);
    // Damage (boardstore_health.cpp)
    /// Remembers @p reason and marks the file damaged for every process (the first mark stays).
    void noteDamage(const QString &reason);
    /// The tables, columns, indexes and triggers of this program's schema that the file lacks.
    Result<QStringList> missingSchemaParts();
    /// A schema that lost a part is damage.
    Status checkSchema(const StoreOptions &options);
    /// A colleague's window stopped without closing the board since the last check.
    bool endedUncleanly();
    /// integrity_check, foreign_key_check and attachment sizes (what verify() adds the schema and the mark to).
    Result<QStringList> checkFile();
    /// The login's role, or the board's default role for a login that is not a member yet.
    Status resolveRole();
    Status joinIfPending();
    Status requireRole(Role minimum) const;
    Status requireWritable() const;

    /// A write that may safely run twice (the same rows, or rows no one sees): once more after a commit whose
    /// outcome is unknown.
    Status writeAgainIfUnsure(const std::function<Status()> &body);
    /// Runs one user action: role check, transaction, operation record, ambiguous-commit recovery.
    Status change(Role minimum, const QString &kind, const std::function<Status()> &body, qint64 *result = nullptr);
    /// @p kind: one of eventkind (eventkinds.h).
    Status appendEvent(QStringView kind, qint64 cardId, const QJsonObject &payload);
    Status reindexCard(qint64 cardId);
    Status reindexArticle(qint64 articleId);
    // Articles (boardstore_articles.cpp)
    Result<Article> loadArticle(qint64 id, bool includeDeleted);
    /// The labels in @p labelIds that are live, without repeats (refused: one that is not on the board).
    Result<QList<qint64>> checkArticleLabels(const QList<qint64> &labelIds);
    Status writeArticleLabels(qint64 articleId, const QList<qint64> &labelIds);
    Result<QStringList> articleFieldsChangedSince(qint64 articleId, qint64 version);
    Status reindexArticlesWithLabel(qint64 labelId);
    /// A live template, or none (0).
    Status checkArticleTemplate(qint64 templateId);
    Status setArticleDeleted(qint64 id, bool deleted);
    // Attachments of a card or an article (boardstore_attachments.cpp): one of the two ids is set.
    struct AttachmentOwner
    {
        qint64 cardId = 0;
        qint64 articleId = 0;
    };
    /// The owner is there (a card not deleted, an article not deleted).
    Status checkOwner(const AttachmentOwner &owner);
    /// Records a change to an owner's attachments: the card's event (its version moves), or the article's.
    Status attachmentsChanged(const AttachmentOwner &owner, QStringView cardKind, QStringView articleKind,
                              QJsonObject payload);
    Result<qint64> addAttachmentTo(const AttachmentOwner &owner, const QString &filePath, const QString &name,
                                   const ProgressCallback &progress);
    Result<qint64> addLinkTo(const AttachmentOwner &owner, const QString &path);
    Status touchCard(qint64 cardId);
    enum class CardIndex { Keep, Refresh };
    /// A change to something on a card: bumps the card's version, refreshes its search text if asked, records it.
    Status cardChanged(CardIndex index, QStringView eventKind, qint64 cardId, const QJsonObject &payload);
    Result<Card> loadCard(qint64 id, bool includeDeleted);
    /// Per card (not deleted; archived ones with @p includeArchived), its creation, its moves and the updates that
    /// may change one of @p fields (one to three), oldest first (clockHistories(), metricHistories()).
    Result<QHash<qint64, QList<Event>>> historiesOf(const QStringList &fields, bool includeArchived,
                                                    const QList<qint64> *onlyCardIds = nullptr);
    // Escalations (boardstore_escalations.cpp), inside updateCard()'s change.
    /// Checks @p wanted (a target on the list, unless it is the open one's, @p openTargetId; texts in bounds) and fills
    /// in its target's name and kind.
    Status checkEscalation(Escalation &wanted, qint64 openTargetId);
    /// Card @p cardId's escalation goes from @p open (its open one, or none) to @p wanted: ends, hands over, opens,
    /// opens again or updates rows, and sets the card's escalated_at and escalated_by to the open one's.
    Status writeEscalation(qint64 cardId, const Escalation &open, const Escalation &wanted);
    // The bodies of moveCard(), archiveCard() and restoreCard(), inside a change (so several share one).
    Status moveCardNow(qint64 id, qint64 columnId, Placement placement, qint64 expectedVersion, qint64 *newVersion);
    Status archiveCardNow(qint64 id);
    Status restoreCardNow(qint64 id);
    enum class Siblings { Columns, Cards, Checklist };
    /// A rank for an item of @p siblings under @p parentId at @p placement, ignoring the item @p movingId itself.
    Result<QString> rankFor(Siblings siblings, qint64 parentId, qint64 movingId, Placement placement);
    /// @p onlyCardId: 0 for all cards of the board, -1 for the cards in @p cards (a page), or one card's id.
    Status fillSummaries(QList<Card> &cards, qint64 onlyCardId);
    Result<QStringList> fieldsChangedSince(qint64 cardId, qint64 version);
    static Status checkVersion(const QString &what, qint64 current, qint64 expected);
    /// Refuses a change that would leave the board without an admin (@p leaving is the admin going).
    Status keepAnAdmin(const QString &leaving);
    Result<Label> loadLabel(qint64 id);
    /// An attachment in any state (uploading, ready, deleted).
    Result<Attachment> loadAttachment(qint64 id);
    /// A live item, or with @p deleted one that was deleted (to restore).
    Result<ChecklistItem> loadChecklistItem(qint64 id, bool deleted = false);
    /// Deletes or restores one item, inside a change; with @p missingIsDone, one already so is not an error.
    Status setChecklistItemDeleted(qint64 id, bool deleted, bool missingIsDone);
    /// The body of deleteComment() and restoreComment(): only its author or an admin may.
    Status setCommentDeleted(qint64 id, bool deleted);
    Result<Comment> loadComment(qint64 id, bool deleted = false);
    /// Reads an attachment's chunks in order (to @p out, if given); the SHA-256 (hex) of what was read, or an
    /// empty value when fewer than @p size bytes are stored.
    Result<QByteArray> streamChunks(const QString &sha256, qint64 size, QIODevice *out, const QString &name);
    /// Removes an upload that did not finish; with @p sha256, also its chunks unless another attachment uses them.
    void discardUpload(qint64 id, const QString &sha256);
    /// Inside a chunk's transaction: upload @p id moved now. NotFound when it was purged (as abandoned) meanwhile.
    Status markUploadProgress(qint64 id, const QString &filePath);
    Status uploadChunks(qint64 id, const QString &filePath, const QString &sha256, qint64 size,
                        const ProgressCallback &progress);

    std::unique_ptr<Connection> m_db;
    QString m_login;
    Role m_role = Role::Viewer;
    QString m_readOnlyReason;
    QString m_damageReason;
    bool m_checkAtOpen = false;
    int m_commits = 0;
    int m_unknownOutcomes = 0;
    QString m_clientId;
    QUuid m_nextOpId;
    bool m_joinPending = false;
    QString m_currentOpId;
    std::function<qint64()> m_clock;
    StoreOptions m_options;
};

} // namespace hb::storage
