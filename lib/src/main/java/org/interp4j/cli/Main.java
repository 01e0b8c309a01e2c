package org.interp4j.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("interp4j");
    }
}
