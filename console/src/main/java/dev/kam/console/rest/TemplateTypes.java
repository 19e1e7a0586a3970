package dev.kam.console.rest;

import dev.kam.console.domain.AccountPlan;
import dev.kam.console.domain.AccountSummary;
import dev.kam.console.domain.Condition;
import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.domain.Criterion;
import dev.kam.console.domain.HistoryPoint;
import dev.kam.console.domain.ModelThresholds;
import dev.kam.console.domain.Profile;
import dev.kam.console.domain.RelationshipMap;
import dev.kam.console.domain.Score;
import dev.kam.console.domain.StaffingProposal;
import dev.kam.console.domain.Team;
import dev.kam.console.domain.WatchedAccount;
import dev.kam.console.service.AccountService;
import dev.kam.console.service.PortfolioService;
import io.quarkus.qute.TemplateData;

/** The records the pages render: Qute resolves their properties with code generated at build time, not reflection. */
@TemplateData(target = ConsoleUser.class)
@TemplateData(target = AccountSummary.class)
@TemplateData(target = WatchedAccount.class)
@TemplateData(target = ModelThresholds.class)
@TemplateData(target = PortfolioService.Portfolio.class)
@TemplateData(target = AccountService.Account.class)
@TemplateData(target = AccountService.TeamSection.class)
@TemplateData(target = Profile.class)
@TemplateData(target = Score.class)
@TemplateData(target = Score.Override.class)
@TemplateData(target = Criterion.class)
@TemplateData(target = HistoryPoint.class)
@TemplateData(target = Team.class)
@TemplateData(target = Team.Member.class)
@TemplateData(target = Team.Gap.class)
@TemplateData(target = Team.Coverage.class)
@TemplateData(target = StaffingProposal.class)
@TemplateData(target = StaffingProposal.Proposed.class)
@TemplateData(target = StaffingProposal.Unfilled.class)
@TemplateData(target = AccountPlan.class)
@TemplateData(target = AccountPlan.Goal.class)
@TemplateData(target = RelationshipMap.class)
@TemplateData(target = RelationshipMap.Contact.class)
@TemplateData(target = Condition.class)
@TemplateData(target = dev.kam.console.domain.ModelVersion.class)
@TemplateData(target = dev.kam.console.domain.ModelVersion.Weight.class)
@TemplateData(target = dev.kam.console.domain.RescoreJob.class)
@TemplateData(target = dev.kam.console.domain.Programme.class)
@TemplateData(target = dev.kam.console.domain.Programme.ConditionShare.class)
@TemplateData(target = dev.kam.console.domain.Programme.TeamGaps.class)
@TemplateData(target = dev.kam.console.domain.Programme.StaffLoad.class)
final class TemplateTypes {

    private TemplateTypes() {
    }
}
