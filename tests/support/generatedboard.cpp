// SPDX-License-Identifier: GPL-3.0-or-later
#include "generatedboard.h"

#include <storage/boardstore.h>

#include <QDateTime>
#include <QRandomGenerator>
#include <QStringList>

#include <cmath>
#include <memory>

namespace hb::storage {

namespace {

constexpr qint64 s_dayMs = 24LL * 3600 * 1000;

// {n}: a number, {who}: a person.
const QStringList s_things = {QStringLiteral("Printer on floor {n}"),
                              QStringLiteral("Laptop of {who}"),
                              QStringLiteral("VPN for {who}"),
                              QStringLiteral("Outlook for {who}"),
                              QStringLiteral("Shared drive S:"),
                              QStringLiteral("Wi-Fi in room {n}"),
                              QStringLiteral("Teams camera in room {n}"),
                              QStringLiteral("Password of {who}"),
                              QStringLiteral("Monitor at desk {n}"),
                              QStringLiteral("Licence server lic0{n}"),
                              QStringLiteral("Phone extension {n}"),
                              QStringLiteral("MFA app of {who}")};
const QStringList s_problems = {QStringLiteral("does not work"),
                                QStringLiteral("is very slow"),
                                QStringLiteral("keeps disconnecting"),
                                QStringLiteral("shows an error after the update"),
                                QStringLiteral("needs replacing"),
                                QStringLiteral("asks for the password again and again"),
                                QStringLiteral("cannot be reached from home"),
                                QStringLiteral("must be set up for a new starter")};
const QStringList s_people = {QStringLiteral("Priya"), QStringLiteral("Tom"),  QStringLiteral("Lena"),
                              QStringLiteral("Omar"),  QStringLiteral("Sam"),  QStringLiteral("Jonas"),
                              QStringLiteral("Maria"), QStringLiteral("Chen"), QStringLiteral("Aisha")};
const QStringList s_words = {
        QStringLiteral("restarted"),     QStringLiteral("the"),          QStringLiteral("driver"),
        QStringLiteral("user"),          QStringLiteral("ticket"),       QStringLiteral("checked"),
        QStringLiteral("server"),        QStringLiteral("update"),       QStringLiteral("network"),
        QStringLiteral("after"),         QStringLiteral("cable"),        QStringLiteral("account"),
        QStringLiteral("licence"),       QStringLiteral("vendor"),       QStringLiteral("replaced"),
        QStringLiteral("again"),         QStringLiteral("and"),          QStringLiteral("works"),
        QStringLiteral("now"),           QStringLiteral("log"),          QStringLiteral("error"),
        QStringLiteral("firmware"),      QStringLiteral("policy"),       QStringLiteral("remote"),
        QStringLiteral("printer"),       QStringLiteral("toner"),        QStringLiteral("tray"),
        QStringLiteral("jam"),           QStringLiteral("spooler"),      QStringLiteral("queue"),
        QStringLiteral("laptop"),        QStringLiteral("docking"),      QStringLiteral("station"),
        QStringLiteral("monitor"),       QStringLiteral("keyboard"),     QStringLiteral("mouse"),
        QStringLiteral("headset"),       QStringLiteral("webcam"),       QStringLiteral("microphone"),
        QStringLiteral("speaker"),       QStringLiteral("battery"),      QStringLiteral("charger"),
        QStringLiteral("adapter"),       QStringLiteral("port"),         QStringLiteral("switch"),
        QStringLiteral("router"),        QStringLiteral("firewall"),     QStringLiteral("proxy"),
        QStringLiteral("certificate"),   QStringLiteral("expired"),      QStringLiteral("renewal"),
        QStringLiteral("domain"),        QStringLiteral("controller"),   QStringLiteral("group"),
        QStringLiteral("membership"),    QStringLiteral("share"),        QStringLiteral("folder"),
        QStringLiteral("permission"),    QStringLiteral("access"),       QStringLiteral("denied"),
        QStringLiteral("mailbox"),       QStringLiteral("quota"),        QStringLiteral("archive"),
        QStringLiteral("calendar"),      QStringLiteral("meeting"),      QStringLiteral("invite"),
        QStringLiteral("teams"),         QStringLiteral("outlook"),      QStringLiteral("browser"),
        QStringLiteral("cache"),         QStringLiteral("cookie"),       QStringLiteral("extension"),
        QStringLiteral("plugin"),        QStringLiteral("installer"),    QStringLiteral("package"),
        QStringLiteral("setup"),         QStringLiteral("wizard"),       QStringLiteral("reboot"),
        QStringLiteral("safe"),          QStringLiteral("mode"),         QStringLiteral("bios"),
        QStringLiteral("uefi"),          QStringLiteral("bitlocker"),    QStringLiteral("encryption"),
        QStringLiteral("recovery"),      QStringLiteral("key"),          QStringLiteral("password"),
        QStringLiteral("reset"),         QStringLiteral("lockout"),      QStringLiteral("token"),
        QStringLiteral("authenticator"), QStringLiteral("phone"),        QStringLiteral("sim"),
        QStringLiteral("roaming"),       QStringLiteral("wifi"),         QStringLiteral("signal"),
        QStringLiteral("channel"),       QStringLiteral("interference"), QStringLiteral("access"),
        QStringLiteral("point"),         QStringLiteral("dhcp"),         QStringLiteral("lease"),
        QStringLiteral("address"),       QStringLiteral("dns"),          QStringLiteral("record"),
        QStringLiteral("timeout"),       QStringLiteral("latency"),      QStringLiteral("packet"),
        QStringLiteral("loss"),          QStringLiteral("bandwidth"),    QStringLiteral("backup"),
        QStringLiteral("restore"),       QStringLiteral("snapshot"),     QStringLiteral("volume"),
        QStringLiteral("disk"),          QStringLiteral("space"),        QStringLiteral("partition"),
        QStringLiteral("raid"),          QStringLiteral("controller"),   QStringLiteral("fan"),
        QStringLiteral("temperature"),   QStringLiteral("noise"),        QStringLiteral("screen"),
        QStringLiteral("flicker"),       QStringLiteral("resolution"),   QStringLiteral("scaling"),
        QStringLiteral("display"),       QStringLiteral("cable"),        QStringLiteral("hdmi"),
        QStringLiteral("adapter"),       QStringLiteral("projector"),    QStringLiteral("room"),
        QStringLiteral("booking"),       QStringLiteral("license"),      QStringLiteral("seat"),
        QStringLiteral("activation"),    QStringLiteral("trial"),        QStringLiteral("subscription"),
        QStringLiteral("renewal"),       QStringLiteral("invoice"),      QStringLiteral("purchase"),
        QStringLiteral("order"),         QStringLiteral("approval"),     QStringLiteral("manager"),
        QStringLiteral("onboarding"),    QStringLiteral("offboarding"),  QStringLiteral("contractor"),
        QStringLiteral("badge"),         QStringLiteral("desk"),         QStringLiteral("move"),
        QStringLiteral("relocation"),    QStringLiteral("asset"),        QStringLiteral("inventory"),
        QStringLiteral("tag"),           QStringLiteral("serial"),       QStringLiteral("warranty"),
        QStringLiteral("repair"),        QStringLiteral("courier"),      QStringLiteral("shipment"),
        QStringLiteral("replacement"),   QStringLiteral("loan"),         QStringLiteral("spare"),
        QStringLiteral("image"),         QStringLiteral("deploy"),       QStringLiteral("patch"),
        QStringLiteral("hotfix"),        QStringLiteral("rollback"),     QStringLiteral("compatibility"),
        QStringLiteral("legacy"),        QStringLiteral("application"),  QStringLiteral("crash"),
        QStringLiteral("freeze"),        QStringLiteral("slow"),         QStringLiteral("startup"),
        QStringLiteral("login"),         QStringLiteral("profile"),      QStringLiteral("roaming"),
        QStringLiteral("synced"),        QStringLiteral("onedrive"),     QStringLiteral("sharepoint"),
        QStringLiteral("vpn"),           QStringLiteral("client"),       QStringLiteral("tunnel"),
        QStringLiteral("split"),         QStringLiteral("gateway"),      QStringLiteral("radius"),
        QStringLiteral("audit"),         QStringLiteral("review"),       QStringLiteral("escalated"),
        QStringLiteral("vendor"),        QStringLiteral("support"),      QStringLiteral("case"),
        QStringLiteral("number"),        QStringLiteral("called"),       QStringLiteral("emailed"),
        QStringLiteral("waiting"),       QStringLiteral("confirmed"),    QStringLiteral("tested"),
        QStringLiteral("verified"),      QStringLiteral("closed"),       QStringLiteral("reopened"),
        QStringLiteral("documented"),    QStringLiteral("knowledge"),    QStringLiteral("base"),
        QStringLiteral("article")};
const QStringList s_labelNames = {
        QStringLiteral("Hardware"), QStringLiteral("Software"),      QStringLiteral("Network"),
        QStringLiteral("Security"), QStringLiteral("Onboarding"),    QStringLiteral("Printing"),
        QStringLiteral("Email"),    QStringLiteral("VPN"),           QStringLiteral("Telephony"),
        QStringLiteral("Licences"), QStringLiteral("Accounts"),      QStringLiteral("Backup"),
        QStringLiteral("Mobile"),   QStringLiteral("Meeting rooms"), QStringLiteral("Servers"),
        QStringLiteral("Web"),      QStringLiteral("Purchasing"),    QStringLiteral("Training"),
        QStringLiteral("Audit"),    QStringLiteral("Facilities")};

/// A deterministic source of plausible help-desk text.
class Text
{
public:
    explicit Text(quint32 seed)
        : m_random(seed)
    { }

    int below(int bound) { return bound > 0 ? int(m_random.bounded(bound)) : 0; }
    bool chance(int percent) { return below(100) < percent; }

    QString title()
    {
        QString thing = s_things.at(below(int(s_things.size())));
        thing.replace(QStringLiteral("{n}"), QString::number(below(9) + 1));
        thing.replace(QStringLiteral("{who}"), s_people.at(below(int(s_people.size()))));
        return thing + QLatin1Char(' ') + s_problems.at(below(int(s_problems.size())));
    }

    /// Sentences of words until about @p length characters.
    QString prose(int length)
    {
        QString text;
        while (text.size() < length) {
            QString sentence = s_words.at(below(int(s_words.size())));
            sentence[0] = sentence.at(0).toUpper();
            for (int word = below(10) + 4; word > 0; --word)
                sentence += QLatin1Char(' ') + s_words.at(below(int(s_words.size())));
            text += sentence + QStringLiteral(". ");
        }
        return text.trimmed();
    }

private:
    QRandomGenerator m_random;
};

Status generate(BoardStore &store, const GeneratedBoardSize &size, GeneratedBoardCounts &made)
{
    made = {};
    Text text(size.seed);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString creator = store.login();
    // Members, columns and labels were made 90 days ago; each card when its createdAt says.
    const qint64 clock = now - 90 * s_dayMs;
    store.setClock([clock] { return clock; });

    // Members: the creator is the admin; the others editors, two of them viewers.
    QStringList editors{creator};
    for (int i = 1; i < size.members; ++i) {
        const QString login = QStringLiteral("tech%1").arg(i, 2, 10, QLatin1Char('0'));
        const Role role = i >= size.members - 2 ? Role::Viewer : Role::Editor;
        if (auto added = store.setMember(login, role, s_people.at(i % s_people.size()) + QStringLiteral(" %1").arg(i));
            !added)
            return added;
        if (role == Role::Editor)
            editors << login;
    }
    made.members = size.members;

    // Columns: the three a board starts with become six; the last is a "done" one.
    auto existing = store.columns();
    if (!existing)
        return existing.error();
    const std::pair<const char16_t *, ColumnKind> extra[] = {
            {u"Waiting on user", ColumnKind::Doing}, {u"Review", ColumnKind::Doing}, {u"Closed", ColumnKind::Done}};
    for (int i = int(existing->size()); i < size.columns; ++i) {
        const auto &[name, kind] = extra[std::min<int>(i - int(existing->size()), int(std::size(extra)) - 1)];
        const QString columnName = i - int(existing->size()) < int(std::size(extra))
                                           ? QString::fromUtf16(name)
                                           : QStringLiteral("Column %1").arg(i + 1);
        if (auto added = store.addColumn(columnName, kind); !added)
            return added.error();
    }
    auto columns = store.columns();
    if (!columns)
        return columns.error();
    made.columns = int(columns->size());

    QList<qint64> labels;
    for (int i = 0; i < size.labels; ++i) {
        const QString name = i < s_labelNames.size() ? s_labelNames.at(i) : QStringLiteral("Label %1").arg(i + 1);
        static const char16_t *s_colors[] = {u"#c0392b", u"#d35400", u"#f39c12", u"#27ae60", u"#16a085",
                                             u"#2980b9", u"#8e44ad", u"#e84393", u"#8d6e63", u"#7f8c8d"};
        auto id = store.createLabel(name, QString::fromUtf16(s_colors[i % std::size(s_colors)]));
        if (!id)
            return id.error();
        labels << *id;
    }
    made.labels = int(labels.size());

    // Cards: the last column takes about a third of them, the others share the rest.
    QList<int> perColumn(made.columns, 0);
    const Priority priorities[] = {Priority::Critical, Priority::High,   Priority::Normal,
                                   Priority::Normal,   Priority::Normal, Priority::Low};
    const StatusTag statuses[] = {StatusTag::None, StatusTag::None, StatusTag::InProgress, StatusTag::NeedsReview,
                                  StatusTag::Blocked};
    const Channel channels[] = {Channel::Email,  Channel::Phone,  Channel::Chat,
                                Channel::WalkIn, Channel::Portal, Channel::Monitoring};
    const qint64 step = std::max<qint64>(1, 90 * s_dayMs / std::max(1, size.cards));
    int itemsLeft = size.checklistItems;
    int commentsLeft = size.comments;
    // Brought in a thousand cards at a time (BoardStore::importCards): each written by a statement prepared once.
    constexpr int s_batch = 1000;
    QList<ImportedCard> batch;
    const auto flush = [&]() -> Status {
        auto imported = store.importCards(batch);
        if (!imported)
            return imported.error();
        for (const ImportedCard &card : std::as_const(batch)) {
            made.checklistItems += int(card.checklist.size());
            made.comments += int(card.comments.size());
        }
        made.cards += int(imported->size());
        batch.clear();
        return {};
    };
    for (int i = 0; i < size.cards; ++i) {
        const qint64 created = now - 90 * s_dayMs + i * step;
        const int column = text.chance(35) ? made.columns - 1 : text.below(made.columns - 1);
        ImportedCard imported;
        NewCard &card = imported.card;
        card.columnId = columns->at(column).id;
        card.title = text.title();
        card.description = text.prose(100 + text.below(700));
        card.priority = priorities[text.below(int(std::size(priorities)))];
        card.status = statuses[text.below(int(std::size(statuses)))];
        card.assignee = text.chance(20) ? QString() : editors.at(text.below(int(editors.size())));
        card.requester = s_people.at(text.below(int(s_people.size()))) + QStringLiteral(" (Sales)");
        card.channel = channels[text.below(int(std::size(channels)))];
        card.dueAt = text.chance(60) ? now + (text.below(20) - 5) * s_dayMs : 0;
        for (int label = text.below(4); label > 0; --label) {
            const qint64 id = labels.value(text.below(int(labels.size())));
            if (id && !card.labelIds.contains(id))
                card.labelIds << id;
        }
        imported.createdBy = editors.at(text.below(int(editors.size())));
        imported.createdAt = created;
        ++perColumn[column];
        // What is left is shared out evenly over the cards still to come.
        const int cardsLeft = size.cards - i;
        for (int n = (itemsLeft + cardsLeft - 1) / cardsLeft; n > 0 && itemsLeft > 0; --n, --itemsLeft)
            imported.checklist.append({text.prose(20 + text.below(40)).left(80), text.chance(40)});
        qint64 at = created;
        for (int n = (commentsLeft + cardsLeft - 1) / cardsLeft; n > 0 && commentsLeft > 0; --n, --commentsLeft) {
            at += 60'000;
            imported.comments.append({imported.createdBy, at, text.prose(50 + text.below(250))});
        }
        batch.append(std::move(imported));
        if (batch.size() == s_batch) {
            if (auto flushed = flush(); !flushed)
                return flushed;
        }
    }
    if (auto flushed = flush(); !flushed)
        return flushed;
    made.largestColumn = *std::max_element(perColumn.cbegin(), perColumn.cend());
    return {};
}

constexpr qint64 s_minuteMs = 60'000;
constexpr qint64 s_hourMs = 60 * s_minuteMs;

/// A ticket's life: what happens to it and when, played through the store in order, up to now.
class Life
{
public:
    Life(BoardStore &store, qint64 start, qint64 now, qint64 *clock)
        : m_store(store)
        , m_at(start)
        , m_now(now)
        , m_clock(clock)
    { }

    /// Whether a step would have come after now: it did not happen, nor did any later one.
    bool over() const { return m_over; }

    /// Runs @p change as @p login @p after the previous step, unless that is after now.
    Status then(qint64 after, const QString &login, const std::function<Status()> &change)
    {
        m_at += after;
        if (m_over || m_at > m_now) {
            m_over = true;
            return {};
        }
        *m_clock = m_at;
        if (auto as = m_store.setLogin(login); !as)
            return as;
        return change();
    }

private:
    BoardStore &m_store;
    qint64 m_at;
    qint64 m_now;
    qint64 *m_clock;
    bool m_over = false;
};

/// A duration from @p shortest to @p longest, most of them short and a few long, as a help desk's are (the log of it
/// drawn with a bias to the short end).
qint64 spread(Text &text, qint64 shortest, qint64 longest)
{
    const double r = text.below(1'000'000) / 1e6;
    return qint64(double(shortest) * std::pow(double(longest) / double(shortest), r * r));
}

Status generateHistory(BoardStore &store, const GeneratedHistorySize &size, GeneratedHistoryCounts &made)
{
    made = {};
    Text text(size.seed);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString creator = store.login();
    // (shared with the store's clock, which outlives this function until populate() gives it the wall clock back)
    const auto clock = std::make_shared<qint64>(now - size.days * s_dayMs - s_dayMs);
    store.setClock([clock] { return *clock; });

    QStringList technicians;
    for (int i = 1; i <= size.technicians; ++i) {
        const QString login = QStringLiteral("tech%1").arg(i, 2, 10, QLatin1Char('0'));
        if (auto added = store.setMember(login, Role::Editor, s_people.at(i % s_people.size())); !added)
            return added;
        technicians << login;
    }
    QList<qint64> labels;
    for (int i = 0; i < 8; ++i) {
        auto id = store.createLabel(s_labelNames.at(i), QStringLiteral("#2980b9"));
        if (!id)
            return id.error();
        labels << *id;
    }
    QList<qint64> targets;
    for (const auto &[name, kind] : {std::pair{QStringLiteral("Network team"), EscalationKind::SecondLine},
                                     std::pair{QStringLiteral("Dell ProSupport"), EscalationKind::Vendor}}) {
        EscalationTarget target;
        target.name = name;
        target.kind = kind;
        auto id = store.createEscalationTarget(target);
        if (!id)
            return id.error();
        targets << *id;
    }
    qint64 todo = 0;
    qint64 doing = 0;
    qint64 resolved = 0;
    auto columns = store.columns();
    if (!columns)
        return columns.error();
    for (const Column &column : std::as_const(*columns)) {
        qint64 &slot = column.kind == ColumnKind::Todo ? todo : column.kind == ColumnKind::Doing ? doing : resolved;
        if (!slot)
            slot = column.id;
    }
    if (!todo || !doing || !resolved)
        return Error{ErrorKind::Invalid, QStringLiteral("the board needs a To-do, a Doing and a Done column")};

    const Priority priorities[] = {Priority::Critical, Priority::High,   Priority::High,   Priority::Normal,
                                   Priority::Normal,   Priority::Normal, Priority::Normal, Priority::Low};
    const Channel channels[] = {Channel::Email,  Channel::Email,  Channel::Email,  Channel::Phone,
                                Channel::Phone,  Channel::Chat,   Channel::Chat,   Channel::WalkIn,
                                Channel::Portal, Channel::Portal, Channel::Portal, Channel::Monitoring};
    const qint64 first = now - size.days * s_dayMs;
    const qint64 spacing = std::max<qint64>(1, size.days * s_dayMs / std::max(1, size.tickets));
    const auto someone = [&] { return technicians.at(text.below(int(technicians.size()))); };
    const auto move = [&](qint64 id, qint64 column) {
        return [&store, id, column]() -> Status {
            auto moved = store.moveCard(id, column);
            if (!moved)
                return moved.error();
            return {};
        };
    };
    const auto comment = [&](qint64 id) {
        return [&store, &text, id]() -> Status {
            auto added = store.addComment(id, text.prose(30 + text.below(150)));
            if (!added)
                return added.error();
            return {};
        };
    };
    const auto update = [&store](qint64 id, CardPatch patch) {
        return [&store, id, patch = std::move(patch)]() -> Status {
            auto updated = store.updateCard(id, patch);
            if (!updated)
                return updated.error();
            return {};
        };
    };
    for (int i = 0; i < size.tickets; ++i) {
        const qint64 t = first + i * spacing + text.below(int(std::min<qint64>(spacing, 1'000'000'000)));
        Life life(store, t, now, clock.get());
        NewCard card;
        card.columnId = todo;
        card.title = text.title();
        card.description = text.prose(40 + text.below(200));
        card.priority = priorities[text.below(int(std::size(priorities)))];
        card.channel = channels[text.below(int(std::size(channels)))];
        card.requester = s_people.at(text.below(int(s_people.size()))) + QStringLiteral(" (Sales)");
        card.assignee = text.chance(60) ? someone() : QString();
        card.dueAt = text.chance(40) ? t + (1 + text.below(10)) * s_dayMs : 0;
        for (int label = text.below(3); label > 0; --label) {
            const qint64 id = labels.at(text.below(int(labels.size())));
            if (!card.labelIds.contains(id))
                card.labelIds << id;
        }
        qint64 id = 0;
        const Status create = life.then(0, someone(), [&]() -> Status {
            auto created = store.createCard(card);
            if (!created)
                return created.error();
            id = *created;
            return {};
        });
        if (!create)
            return create;
        if (life.over())
            break; // made after now: so are all the others
        ++made.tickets;
        // Each step: stops the ticket's life at an error, or once it would come after now (it stays as it is).
        QString owner = card.assignee;
        const auto run = [&]() -> Status {
            if (owner.isEmpty()) {
                owner = someone();
                CardPatch take;
                take.assignee = owner;
                if (Status taken = life.then(spread(text, 2 * s_minuteMs, 6 * s_hourMs), owner, update(id, take));
                    !taken || life.over())
                    return taken;
            }
            // The first response: the technician starts on it.
            if (Status started = life.then(spread(text, s_minuteMs, 2 * s_dayMs), owner, move(id, doing));
                !started || life.over())
                return started;
            ++made.moves;
            if (text.chance(45)) {
                if (Status commented = life.then(spread(text, s_minuteMs, 4 * s_hourMs), owner, comment(id));
                    !commented || life.over())
                    return commented;
                ++made.comments;
            }
            if (text.chance(12)) {
                CardPatch wait;
                wait.status = StatusTag::WaitingRequester;
                CardPatch back;
                back.status = StatusTag::InProgress;
                if (Status waiting = life.then(spread(text, 10 * s_minuteMs, 4 * s_hourMs), owner, update(id, wait));
                    !waiting || life.over())
                    return waiting;
                ++made.waited;
                if (Status answered = life.then(spread(text, s_hourMs, 4 * s_dayMs), owner, update(id, back));
                    !answered || life.over())
                    return answered;
            }
            if (text.chance(10)) {
                CardPatch escalate;
                escalate.escalation = Escalation{};
                escalate.escalation->targetId = targets.at(text.chance(60) ? 0 : 1);
                CardPatch takeBack;
                takeBack.escalation = Escalation{};
                if (Status handed = life.then(spread(text, 10 * s_minuteMs, 8 * s_hourMs), owner, update(id, escalate));
                    !handed || life.over())
                    return handed;
                ++made.escalated;
                if (Status back = life.then(spread(text, 2 * s_hourMs, 6 * s_dayMs), owner, update(id, takeBack));
                    !back || life.over())
                    return back;
            }
            if (text.chance(12)) {
                QString other = someone();
                if (other == owner)
                    other = technicians.at((technicians.indexOf(owner) + 1) % technicians.size());
                CardPatch give;
                give.assignee = other;
                if (Status given = life.then(spread(text, 10 * s_minuteMs, s_dayMs), owner, update(id, give));
                    !given || life.over())
                    return given;
                owner = other;
                ++made.reassigned;
            }
            if (Status solved = life.then(spread(text, 5 * s_minuteMs, 5 * s_dayMs), owner, move(id, resolved));
                !solved || life.over())
                return solved;
            ++made.moves;
            const bool direct =
                    card.channel == Channel::Phone || card.channel == Channel::Chat || card.channel == Channel::WalkIn;
            if (direct && text.chance(30)) {
                CardPatch tick;
                tick.firstContact = true;
                if (Status ticked = life.then(s_minuteMs, owner, update(id, tick)); !ticked || life.over())
                    return ticked;
                ++made.ticked;
            }
            if (text.chance(5)) {
                if (Status reopened = life.then(spread(text, s_hourMs, 3 * s_dayMs), owner, move(id, doing));
                    !reopened || life.over())
                    return reopened;
                ++made.reopened;
                ++made.moves;
                if (Status again = life.then(spread(text, 30 * s_minuteMs, 2 * s_dayMs), owner, move(id, resolved));
                    !again || life.over())
                    return again;
                ++made.moves;
            }
            // Resolved for good: archived two weeks later, by whoever tidies the board.
            if (Status archived = life.then(14 * s_dayMs, creator, [&] { return store.archiveCard(id); });
                !archived || life.over())
                return archived;
            ++made.archived;
            return {};
        };
        if (auto lived = run(); !lived)
            return lived;
    }
    CardQuery inDone;
    inDone.columnId = resolved;
    inDone.includeArchived = true;
    auto resolvedNow = store.cardIds(inDone);
    if (!resolvedNow)
        return resolvedNow.error();
    made.resolved = int(resolvedNow->size());
    return {};
}

/// @p generate (which sets the store's clock to the times it makes things at) as one transaction: the file is written
/// once, at the end (BoardStore::inOneTransaction). Its counts only when all of it landed; the store keeps the wall
/// clock afterwards, whatever happened.
template<typename Counts, typename Generate>
Status populate(BoardStore &store, Counts *counts, Generate generate)
{
    Counts made;
    const Status status = store.inOneTransaction([&] { return generate(made); });
    store.setClock([] { return QDateTime::currentMSecsSinceEpoch(); });
    if (counts)
        *counts = status ? made : Counts{};
    return status;
}

} // namespace

Status populateGeneratedBoard(BoardStore &store, const GeneratedBoardSize &size, GeneratedBoardCounts *counts)
{
    return populate(store, counts, [&](GeneratedBoardCounts &made) { return generate(store, size, made); });
}

Status populateGeneratedHistory(BoardStore &store, const GeneratedHistorySize &size, GeneratedHistoryCounts *counts)
{
    return populate(store, counts, [&](GeneratedHistoryCounts &made) { return generateHistory(store, size, made); });
}

Status populateGeneratedArticles(BoardStore &store, int count, quint32 seed)
{
    Text text(seed);
    auto labels = store.labels();
    if (!labels)
        return labels.error();
    return store.inOneTransaction([&]() -> Status {
        for (int i = 0; i < count; ++i) {
            Article article;
            // A number keeps titles apart; the knowledge base may hold many on the same kind of problem.
            article.title = text.title() + QStringLiteral(" (%1)").arg(i + 1);
            article.body = text.prose(400 + text.below(1200)) + QStringLiteral("\n\n1. ") + text.prose(80)
                           + QStringLiteral("\n2. ") + text.prose(80) + QStringLiteral("\n3. ") + text.prose(80);
            if (!labels->isEmpty()) {
                article.labelIds << labels->at(text.below(int(labels->size()))).id;
                if (text.chance(40))
                    article.labelIds << labels->at(text.below(int(labels->size()))).id;
            }
            if (auto made = store.createArticle(article); !made)
                return made.error();
        }
        return {};
    });
}

} // namespace hb::storage
