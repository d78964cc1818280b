using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Subscriptions.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SubscriptionLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "lease_until",
                schema: "subscriptions",
                table: "deliveries");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_until",
                schema: "subscriptions",
                table: "subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "subscriptions",
                table: "deliveries",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "lease_until",
                schema: "subscriptions",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "subscriptions",
                table: "deliveries");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_until",
                schema: "subscriptions",
                table: "deliveries",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
