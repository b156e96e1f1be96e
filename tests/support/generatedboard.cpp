// SPDX-License-Identifier: GPL-3.0-or-later
#include "generatedboard.h"

#include <storage/boardstore.h>

#include <QDateTime>
#include <QRandomGenerator>
#include <QStringList>

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
    const auto done = [&](Status status) {
        // The store keeps the wall clock afterwards, whatever happened.
        store.setClock([] { return QDateTime::currentMSecsSinceEpoch(); });
        return status;
    };
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
            return done(added);
        if (role == Role::Editor)
            editors << login;
    }
    made.members = size.members;

    // Columns: the three a board starts with become six; the last is a "done" one.
    auto existing = store.columns();
    if (!existing)
        return done(existing.error());
    const std::pair<const char16_t *, ColumnKind> extra[] = {
            {u"Waiting on user", ColumnKind::Doing}, {u"Review", ColumnKind::Doing}, {u"Closed", ColumnKind::Done}};
    for (int i = int(existing->size()); i < size.columns; ++i) {
        const auto &[name, kind] = extra[std::min<int>(i - int(existing->size()), int(std::size(extra)) - 1)];
        const QString columnName = i - int(existing->size()) < int(std::size(extra))
                                           ? QString::fromUtf16(name)
                                           : QStringLiteral("Column %1").arg(i + 1);
        if (auto added = store.addColumn(columnName, kind); !added)
            return done(added.error());
    }
    auto columns = store.columns();
    if (!columns)
        return done(columns.error());
    made.columns = int(columns->size());

    QList<qint64> labels;
    for (int i = 0; i < size.labels; ++i) {
        const QString name = i < s_labelNames.size() ? s_labelNames.at(i) : QStringLiteral("Label %1").arg(i + 1);
        static const char16_t *s_colors[] = {u"#c0392b", u"#d35400", u"#f39c12", u"#27ae60", u"#16a085",
                                             u"#2980b9", u"#8e44ad", u"#e84393", u"#8d6e63", u"#7f8c8d"};
        auto id = store.createLabel(name, QString::fromUtf16(s_colors[i % std::size(s_colors)]));
        if (!id)
            return done(id.error());
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
                return done(flushed);
        }
    }
    if (auto flushed = flush(); !flushed)
        return done(flushed);
    made.largestColumn = *std::max_element(perColumn.cbegin(), perColumn.cend());
    return done({});
}

} // namespace

Status populateGeneratedBoard(BoardStore &store, const GeneratedBoardSize &size, GeneratedBoardCounts *counts)
{
    GeneratedBoardCounts made;
    // One transaction: the file is written once, at the end (BoardStore::inOneTransaction).
    Status status = store.inOneTransaction([&] { return generate(store, size, made); });
    if (counts)
        *counts = status ? made : GeneratedBoardCounts{};
    return status;
}

} // namespace hb::storage
