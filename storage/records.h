// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

/// Plain records as they are stored in a board file. Times are UTC milliseconds since the epoch; 0 means "not set".
namespace hb::storage {
Q_NAMESPACE

enum class ColumnKind { Todo, Doing, Done };
Q_ENUM_NS(ColumnKind)
enum class Priority { Critical, High, Normal, Low };
Q_ENUM_NS(Priority)
/// A card's status beside its column. Waiting on the requester or on a vendor pauses the resolution clock by default
/// (board/sla); Blocked, an obstacle of the team's own, does not.
enum class StatusTag { None, InProgress, NeedsReview, Blocked, WaitingRequester, WaitingVendor };
Q_ENUM_NS(StatusTag)
enum class Channel { None, Email, Phone, Chat, WalkIn, Portal, Monitoring };
Q_ENUM_NS(Channel)
enum class Role { Viewer, Editor, Admin };
Q_ENUM_NS(Role)
enum class AttachmentKind { File, Link };
Q_ENUM_NS(AttachmentKind)
enum class AttachmentState { Uploading, Ready, Deleted };
Q_ENUM_NS(AttachmentState)
/// Whom a ticket is handed to: the team's own second line, or an outside vendor (whom it then waits on).
enum class EscalationKind { SecondLine, Vendor };
Q_ENUM_NS(EscalationKind)

// Stable spellings, used in the file, the events payloads, the CLI and --json output.
QString toText(ColumnKind kind);
QString toText(Priority priority);
QString toText(StatusTag status);
QString toText(Channel channel);
QString toText(Role role);
QString toText(AttachmentKind kind);
QString toText(AttachmentState state);
QString toText(EscalationKind kind);
std::optional<ColumnKind> columnKindFromString(const QString &text);
std::optional<Priority> priorityFromString(const QString &text);
std::optional<StatusTag> statusFromString(const QString &text); ///< "none" and "" both mean StatusTag::None
std::optional<Channel> channelFromString(const QString &text);  ///< "" means Channel::None
std::optional<Role> roleFromString(const QString &text);
std::optional<EscalationKind> escalationKindFromString(const QString &text);

struct Column
{
    qint64 id = 0;
    QString name;
    QString rank;
    int wipLimit = 0; ///< 0 = no limit
    ColumnKind kind = ColumnKind::Todo;
    qint64 version = 0;
    qint64 createdAt = 0;
};

struct Label
{
    qint64 id = 0;
    QString name;
    QString color; ///< "#rrggbb"
    qint64 version = 0;
};

/// Someone tickets can be escalated to (schema v5; admins keep the board's list).
struct EscalationTarget
{
    qint64 id = 0;
    QString name;
    EscalationKind kind = EscalationKind::SecondLine;
    QString contact; ///< how to reach them: a phone number, an address, a portal
    QString notes;
    qint64 createdAt = 0;
    QString createdBy;
    qint64 updatedAt = 0;
    QString updatedBy;
    qint64 version = 0;
};

/**
 * A card's escalation (schema v5): to whom, by whom and when, the vendor's case number, and when the vendor
 * acknowledged and resolved it. As a card field (Card::escalation, CardPatch::escalation) it is the card's open
 * escalation, targetId 0 when there is none; ended ones stay in the file (BoardStore::escalations()).
 */
struct Escalation
{
    qint64 id = 0;       ///< the stored escalation; 0 for one not saved yet
    qint64 targetId = 0; ///< 0: not escalated
    QString targetName;  ///< as read with it (for display; not compared)
    EscalationKind targetKind = EscalationKind::SecondLine;
    QString reference; ///< the vendor's case number
    QString note;
    qint64 at = 0;
    QString by;
    qint64 acknowledgedAt = 0; ///< when the vendor acknowledged it; 0: not yet
    qint64 resolvedAt = 0;     ///< when the vendor resolved it; 0: not yet
    qint64 endedAt = 0;        ///< when it was taken back or handed elsewhere; 0: open
    QString endedBy;

    bool isEscalated() const { return targetId != 0; }
    /// The same as people set it: target, case number, note, and whether acknowledged and resolved.
    bool operator==(const Escalation &other) const;
};

struct Card
{
    qint64 id = 0;
    qint64 columnId = 0;
    QString rank;
    QString title;
    QString description;
    Priority priority = Priority::Normal;
    StatusTag status = StatusTag::None;
    QString assignee; ///< login, empty = unassigned
    QString requester;
    Channel channel = Channel::None;
    qint64 dueAt = 0;
    qint64 createdAt = 0;
    QString createdBy;
    qint64 updatedAt = 0;
    QString updatedBy;
    qint64 startedAt = 0;
    qint64 firstResponseAt = 0;
    QString firstResponseBy;
    qint64 resolvedAt = 0;
    QString resolvedBy;
    qint64 archivedAt = 0;
    QString archivedBy; ///< login of whoever archived it
    qint64 deletedAt = 0;
    qint64 version = 0;
    /// Ticked "resolved at first contact" (schema 6): said by whoever resolved it; the metrics count it (unless it
    /// was reopened), and judge a ticket without it by the stated rule.
    bool firstContact = false;

    /// Due before @p now and not resolved: the one overdue rule for the board, the filter, the CLI and exports.
    bool isOverdue(qint64 now) const { return dueAt && !resolvedAt && dueAt < now; }

    // Summary, filled by the readers for display and filtering; not columns of the cards table.
    QList<qint64> labelIds;
    int checklistDone = 0;
    int checklistTotal = 0;
    int commentCount = 0;
    int attachmentCount = 0;
    Escalation escalation; ///< its open escalation, if any
};

/// The fields a card update sets; an unset optional leaves the field alone.
struct CardPatch
{
    std::optional<QString> title;
    std::optional<QString> description;
    std::optional<Priority> priority;
    std::optional<StatusTag> status;
    std::optional<QString> assignee; ///< empty string unassigns
    std::optional<QString> requester;
    std::optional<Channel> channel;
    std::optional<qint64> dueAt; ///< 0 clears the due date
    /// Escalates (to another target: hands the open escalation over), sets the case number, note, acknowledged and
    /// resolved of the open one, or (targetId 0) takes it back. An id of this card's ended escalation to the same
    /// target opens that one again (undo of taking it back).
    std::optional<Escalation> escalation;
    std::optional<bool> firstContact;

    bool isEmpty() const;
};

struct ChecklistItem
{
    qint64 id = 0;
    qint64 cardId = 0;
    QString text;
    bool done = false;
    QString rank;
    qint64 doneAt = 0;
    QString doneBy;
    qint64 version = 0;
    qint64 createdAt = 0;
};

/// A named list of checklist items a card's checklist can be filled from (board-wide).
struct ChecklistTemplate
{
    qint64 id = 0;
    QString name;
    QStringList items;
    qint64 createdAt = 0;
    QString createdBy;
    qint64 updatedAt = 0;
    QString updatedBy;
    qint64 version = 0;
};

/// An article of the board's knowledge base (schema v9): the answer to a problem that comes back, written once.
struct Article
{
    qint64 id = 0;
    QString title;
    QString body;           ///< Markdown, shown as the card descriptions' preview shows it (never running HTML)
    QList<qint64> labelIds; ///< the board's labels, live ones only, by name
    qint64 templateId = 0;  ///< a checklist template to apply with it; 0: none (or it was deleted since)
    qint64 createdAt = 0;
    QString createdBy;
    qint64 updatedAt = 0;
    QString updatedBy;
    qint64 deletedAt = 0; ///< a tombstone: cards linked to it still name it
    qint64 version = 0;
    int linkedCards = 0;   ///< tickets on the board or archived (not deleted) linked to it as "solved with"
    int resolvedCards = 0; ///< of those, the ones resolved: the tickets it helped solve
};

/// The fields an article update sets; an unset optional leaves the field alone.
struct ArticlePatch
{
    std::optional<QString> title;
    std::optional<QString> body;
    std::optional<QList<qint64>> labelIds;
    std::optional<qint64> templateId; ///< 0 removes the template

    bool isEmpty() const { return !title && !body && !labelIds && !templateId; }
};

/// A card "solved with" an article (BoardStore::linkArticle()).
struct ArticleLink
{
    qint64 cardId = 0;
    qint64 articleId = 0;
    QString title;        ///< the article's, as it is now (a deleted article's last title)
    bool deleted = false; ///< the article was deleted since: the link stays, for the history
    qint64 linkedAt = 0;
    QString linkedBy;
};

struct Comment
{
    qint64 id = 0;
    qint64 cardId = 0;
    QString author;
    QString body;
    qint64 createdAt = 0;
    qint64 editedAt = 0;
    qint64 version = 0;
};

struct Attachment
{
    qint64 id = 0;
    qint64 cardId = 0;    ///< the card it is on; 0 for a knowledge-base article's
    qint64 articleId = 0; ///< the article it is on (schema v9); 0 for a card's
    AttachmentKind kind = AttachmentKind::File;
    QString name;
    QString linkPath;  ///< for links: the path on the share
    QByteArray sha256; ///< hex, for files
    qint64 size = 0;
    QString mimeType;
    AttachmentState state = AttachmentState::Uploading;
    qint64 createdAt = 0;
    QString createdBy;
};

struct Member
{
    QString login;
    QString displayName;
    Role role = Role::Editor;
    qint64 addedAt = 0;
    qint64 version = 0;
};

/// A ticket's row in the metrics' cache (schema v8, BoardStore::metricCache()): @p data as board/metrics encoded it,
/// opaque to storage; empty when the ticket has none.
struct CachedMetrics
{
    qint64 cardId = 0;
    QByteArray data;
};

/// A window that has the board open, as its last heartbeat said.
struct Presence
{
    QString session;
    QString login;
    qint64 cardId = 0; ///< the card open in its editor; 0: none
    qint64 startedAt = 0;
    qint64 seenAt = 0;
};

/// The board's service levels as stored (schema v4): the policy and the business calendar as compact JSON objects,
/// which board/sla reads and writes (a key not there takes its default), and who set them last.
struct ServiceLevels
{
    QByteArray policy;
    QByteArray calendar;
    qint64 updatedAt = 0;
    QString updatedBy;
    qint64 version = 0;
};

struct Event
{
    qint64 seq = 0;
    QString opId;
    qint64 at = 0;
    QString actor;
    qint64 cardId = 0;  ///< 0 for board-level events
    QString kind;       ///< one of eventkind (eventkinds.h): "card.created", "card.moved", "column.renamed"…
    QByteArray payload; ///< compact JSON object
};

} // namespace hb::storage

// Their members (Qt's containers, integers, enums) move by memcpy: lists of 100,000 cards (the metrics' reads) grow
// without copying each card.
Q_DECLARE_TYPEINFO(hb::storage::Escalation, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(hb::storage::Card, Q_RELOCATABLE_TYPE);
