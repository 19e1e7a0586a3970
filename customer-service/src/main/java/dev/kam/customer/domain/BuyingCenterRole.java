package dev.kam.customer.domain;

/** Webster & Wind's buying-centre roles; one person may hold several. */
public enum BuyingCenterRole {
    INITIATOR, USER, INFLUENCER, DECIDER, BUYER, GATEKEEPER, APPROVER
}
