// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/sla/clock.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <functional>

namespace hb::board {

/**
 * Says when a ticket on the open board becomes at risk or breached (the clock that matters now), once per card and
 * state while the board is open: a desktop notification is made of it. What the board showed when it was opened
 * (its first read of the clocks) is where it starts, not news. Who it tells about is a preference: nobody, the
 * tickets assigned to this user, or all. More than five at once are one summary. Widget-free; the window shows it.
 */
class SlaAlerts final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlaAlerts)

public:
    enum class Scope { Off, Mine, All };
    Q_ENUM(Scope)

    struct Ticket
    {
        qint64 cardId = 0;
        QString title;
        sla::ClockState state = sla::ClockState::Ok;
    };

    /// More tickets than this at once become one summary.
    static constexpr int s_mostSaidOneByOne = 5;

    explicit SlaAlerts(QObject *parent = nullptr);
    ~SlaAlerts() override;

    void setScope(Scope scope) { m_scope = scope; }
    Scope scope() const { return m_scope; }
    /// "off", "mine", "all": as the setting keeps it; anything else reads as Mine.
    static Scope scopeFromName(const QString &name);
    static QString scopeName(Scope scope);

    /// A new board (or none): what was said is forgotten, and its next read of every clock is where it starts.
    void reset();
    /// The clocks the board model was given (BoardModel::setClocks()), with what each card is now: its title and
    /// whether it is assigned to this user (@p card answers for an id; false when the card is not on the board).
    void clocksRead(const QHash<qint64, sla::Clocks> &clocks, bool all,
                    const std::function<bool(qint64 id, QString *title, bool *mine)> &card);

    /// For people: a title ("Service level breached", "7 tickets need attention") and a text ("“Printer jam” is at
    /// risk", a line each; for a summary "3 breached, 4 at risk").
    static QString titleOf(const QList<Ticket> &tickets);
    static QString textOf(const QList<Ticket> &tickets);

Q_SIGNALS:
    /// Tickets that have just become at risk or breached, in the board's order of ids; never empty.
    void alerted(const QList<hb::board::SlaAlerts::Ticket> &tickets);

private:
    Scope m_scope = Scope::Mine;
    bool m_started = false;                  ///< the first full read has been seen
    QHash<qint64, sla::ClockState> m_states; ///< each card's state at the last read
    QSet<std::pair<qint64, int>> m_said;     ///< (card, state) told about already
};

} // namespace hb::board
