// The PC portal's wide layout is the H5 build's alone (./portal.h5.ts); the mini-program loads nothing here.
export {};
