// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QList>
#include <QToolButton>

#include <utility>

namespace hb::board {

/// A button that shows labels as coloured chips, as the cards do; its menu picks them.
class LabelButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabelButton)

public:
    explicit LabelButton(QWidget *parent = nullptr);
    ~LabelButton() override;

    /// The labels to show, in order: name and colour.
    void setLabels(const QList<std::pair<QString, QColor>> &labels);
    /// The names shown, as they are (the button's text() doubles "&").
    QStringList names() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<std::pair<QString, QColor>> m_labels;
};

} // namespace hb::board
