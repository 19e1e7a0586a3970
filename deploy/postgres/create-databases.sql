-- One database per service (docker-compose runs this once, on an empty data volume).
CREATE DATABASE kam_customer;
CREATE DATABASE kam_scoring;
CREATE DATABASE kam_team;
