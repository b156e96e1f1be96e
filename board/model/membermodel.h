// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QAbstractTableModel>
#include <QList>

namespace hb::board {

/// The board's members as a table: name, login and role, sorted by name. Read-only; the Members dialog saves.
class MemberModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemberModel)

public:
    enum Column { NameColumn, LoginColumn, RoleColumn, ColumnCount };
    enum Roles { LoginRole = Qt::UserRole + 1, MemberRoleRole };

    explicit MemberModel(QObject *parent = nullptr);
    ~MemberModel() override;

    void setMembers(QList<storage::Member> members);
    const QList<storage::Member> &members() const { return m_members; }
    /// The row of @p login, -1 when it is not a member.
    int rowOf(const QString &login) const;
    static QString roleName(storage::Role role);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<storage::Member> m_members;
};

} // namespace hb::board
